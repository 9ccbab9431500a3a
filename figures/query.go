package figures

import (
	"context"
	"sort"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// Query asks for figures of a branch over local dates From..To (inclusive,
// YYYY-MM-DD), bucketed By "day", "week" (ISO, from Monday) or "month". DoctorID
// narrows to one doctor's parts; People adds each person's parts (owners only).
type Query struct {
	BranchID, From, To, By, DoctorID string
	People                           bool
}

// Point is one period of one figure: Num and Den summed over its days (the newest
// day's for a level; the row count for a median), Value nil when nothing was counted.
type Point struct {
	Period, From, To string
	Num, Den         int64
	Value            *float64
}

// Series is one figure over the periods asked for, and over the whole range.
type Series struct {
	Definition
	Points []Point
	Total  Point
	People []PersonSeries
}

// PersonSeries is one staff member's part of a per-person figure.
type PersonSeries struct {
	StaffID, Name string
	Points        []Point
	Total         Point
}

// Report is what a Query answers.
type Report struct {
	BranchID, From, To, By, DoctorID string
	Figures                          []Series
}

// daySum is one stored day's sums of one figure.
type daySum struct {
	Figure  string `db:"figure"`
	Day     string `db:"day"`
	StaffID string `db:"staff_id"`
	Name    string `db:"name"`
	Num     int64  `db:"num"`
	Den     int64  `db:"den"`
}

// sqlFrozenDays lists the days whose morning was counted: a level's newest reading.
const sqlFrozenDays = `SELECT day FROM figure_runs
	WHERE branch_id = ? AND day >= ? AND day <= ? AND frozen_at IS NOT NULL ORDER BY day`

// padLevels gives each level figure (Sum Last) a zero on every counted morning it has
// no row for: nothing critical that morning is 0, not an older morning's count.
func padLevels(catalog []Definition, byFigure map[string][]daySum, frozen []string) {
	for _, d := range catalog {
		if d.Sum == Last {
			byFigure[d.Name] = padDays(byFigure[d.Name], frozen)
		}
	}
}

// padDays adds a zero day for each counted morning days lacks.
func padDays(days []daySum, frozen []string) []daySum {
	have := make(map[string]bool, len(days))
	for _, d := range days {
		have[d.Day] = true
	}
	for _, f := range frozen {
		if !have[f] {
			days = append(days, daySum{Day: f})
		}
	}
	return days
}

// maxDays bounds a query's range: a year of days plus a leap day and a partial week.
const maxDays = 400

// Figures reads every figure of the query's branch over its range.
func (s *Service) Figures(ctx context.Context, q Query) (Report, error) {
	ps, err := periodsOf(q.From, q.To, q.By)
	if err != nil {
		return Report{}, err
	}
	var in stored
	if err := s.readStored(ctx, q, &in); err != nil {
		return Report{}, err
	}
	r := Report{BranchID: q.BranchID, From: q.From, To: q.To, By: q.By, DoctorID: q.DoctorID}
	byFigure := groupDays(in.days)
	padLevels(s.catalog, byFigure, in.frozen)
	for _, d := range s.catalog {
		r.Figures = append(r.Figures, seriesOf(d, ps, byFigure[d.Name], in.medians[d.Name]))
	}
	if q.People {
		addPeople(ps, in, &r)
	}
	return r, nil
}

// stored is what a query reads: the sums, the people's parts, the medians' rows and
// the counted mornings.
type stored struct {
	days, people []daySum
	medians      map[string][]medianRow
	frozen       []string
}

// readStored reads what the query needs side by side (the reads do not depend on each
// other; on PostgreSQL their round trips overlap, on SQLite they take separate readers).
func (s *Service) readStored(ctx context.Context, q Query, in *stored) error {
	return db.Together(
		func() (err error) { in.days, err = s.branchSums(ctx, q); return err },
		func() (err error) { in.medians, err = s.medianRows(ctx, q); return err },
		func() error { return db.Select(ctx, s.deps.DB.R, &in.frozen, sqlFrozenDays, q.BranchID, q.From, q.To) },
		func() (err error) {
			if q.People {
				in.people, err = s.peopleSums(ctx, q)
			}
			return err
		},
	)
}

// groupDays files the stored days by figure.
func groupDays(days []daySum) map[string][]daySum {
	m := map[string][]daySum{}
	for _, d := range days {
		m[d.Figure] = append(m[d.Figure], d)
	}
	return m
}

// seriesOf adds one figure's days into the periods: each day (and median row) is filed
// under its period once, so a year by week is not 53 walks over every day.
func seriesOf(d Definition, ps []period, days []daySum, rows []medianRow) Series {
	s := Series{Definition: d, Points: make([]Point, len(ps))}
	all := period{Name: "total", From: ps[0].From, To: ps[len(ps)-1].To}
	dayIn := make([][]daySum, len(ps))
	for _, day := range days {
		if i := periodOf(ps, day.Day); i >= 0 {
			dayIn[i] = append(dayIn[i], day)
		}
	}
	rowIn := make([][]medianRow, len(ps))
	for _, r := range rows {
		if i := periodOf(ps, r.Day); i >= 0 {
			rowIn[i] = append(rowIn[i], r)
		}
	}
	for i, p := range ps {
		s.Points[i] = pointOf(d, p, dayIn[i], rowIn[i])
	}
	s.Total = pointOf(d, all, days, rows)
	return s
}

// periodOf is the index of the period holding date (ps in order), -1 for none.
func periodOf(ps []period, date string) int {
	i := sort.Search(len(ps), func(i int) bool { return ps[i].To >= date })
	if i == len(ps) || ps[i].From > date {
		return -1
	}
	return i
}

// addPeople adds each person's part to the per-person figures.
func addPeople(ps []period, in stored, r *Report) {
	byFigure := groupDays(in.people)
	for i := range r.Figures {
		if !r.Figures[i].PerPerson {
			continue
		}
		name := r.Figures[i].Name
		r.Figures[i].People = peopleOf(r.Figures[i].Definition, ps, byFigure[name], in.medians[name], in.frozen)
	}
}

// peopleOf splits one figure's person days (a median's rows) by person, in the order
// the people first appear.
func peopleOf(d Definition, ps []period, days []daySum, rows []medianRow, frozen []string) []PersonSeries {
	byStaff, names := map[string][]daySum{}, map[string]string{}
	var order []string
	for _, day := range days {
		if _, ok := byStaff[day.StaffID]; !ok {
			order = append(order, day.StaffID)
		}
		byStaff[day.StaffID], names[day.StaffID] = append(byStaff[day.StaffID], day), day.Name
	}
	rowsOf := map[string][]medianRow{}
	for _, r := range rows {
		rowsOf[r.StaffID] = append(rowsOf[r.StaffID], r)
	}
	out := make([]PersonSeries, 0, len(order))
	for _, id := range order {
		if d.Sum == Last {
			byStaff[id] = padDays(byStaff[id], frozen)
		}
		s := seriesOf(d, ps, byStaff[id], rowsOf[id])
		out = append(out, PersonSeries{StaffID: id, Name: names[id], Points: s.Points, Total: s.Total})
	}
	return out
}

// parseDate reads a YYYY-MM-DD date.
func parseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, ErrBadRange
	}
	return t, nil
}
