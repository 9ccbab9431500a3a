package figures

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// chairRow is one active chair of the branch.
type chairRow struct {
	ID   string `db:"id"`
	Name string `db:"name"`
}

// chairVisit is the time one visit takes in its chair.
type chairVisit struct {
	ChairID string    `db:"chair_id"`
	Start   time.Time `db:"starts_at"`
	End     time.Time `db:"ends_at"`
}

// chairSpan is a stretch of time [From, To).
type chairSpan struct{ From, To time.Time }

const (
	sqlActiveChairs = `SELECT id, name FROM chairs WHERE branch_id = ? AND active = TRUE ORDER BY id`

	sqlClosedOn = `SELECT COUNT(*) FROM branch_closures WHERE branch_id = ? AND day = ?`

	// What was booked: every visit that holds or held its chair, a no-show included
	// (its time was kept for the patient).
	sqlChairsBooked = `SELECT chair_id, starts_at, ends_at FROM appointments
		WHERE branch_id = ? AND starts_at < ? AND ends_at > ?
		  AND status IN ('booked', 'confirmed', 'arrived', 'seated', 'completed', 'no_show')`

	// What was used: visits the patient came to.
	sqlChairsUsed = `SELECT chair_id, starts_at, ends_at FROM appointments
		WHERE branch_id = ? AND starts_at < ? AND ends_at > ?
		  AND status IN ('arrived', 'seated', 'completed')`
)

// collectChairsPlanned is the morning's booked share of each open chair.
func (s *Service) collectChairsPlanned(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	return s.chairFacts(ctx, q, b, d, "chair_utilisation_planned", sqlChairsBooked)
}

// collectChairsUsed is the share of each open chair taken by visits that took place.
func (s *Service) collectChairsUsed(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	return s.chairFacts(ctx, q, b, d, "chair_utilisation_used", sqlChairsUsed)
}

// chairFacts makes one row per chair open that day: minutes of the visits that visitsSQL
// selects, inside opening hours, of the chair's open minutes.
func (s *Service) chairFacts(ctx context.Context, q db.Q, b Branch, d Day, figure, visitsSQL string) ([]Fact, error) {
	open, err := s.openSpans(ctx, q, b, d)
	if err != nil || len(open) == 0 {
		return nil, err
	}
	var chairs []chairRow
	if err := db.Select(ctx, q, &chairs, sqlActiveChairs, b.ID); err != nil {
		return nil, err
	}
	var visits []chairVisit
	if err := db.Select(ctx, q, &visits, visitsSQL, b.ID, d.End, d.Start); err != nil {
		return nil, err
	}
	taken := map[string][]chairSpan{}
	for _, v := range visits {
		taken[v.ChairID] = append(taken[v.ChairID], chairSpan{v.Start, v.End})
	}
	openMinutes, at := chairMinutes(open), open[0].From
	out := make([]Fact, 0, len(chairs))
	for _, c := range chairs {
		used := chairMinutes(overlapChairSpans(mergeChairSpans(taken[c.ID]), open))
		out = append(out, Fact{Figure: figure, Subject: "chair", SubjectID: c.ID, Num: used, Den: openMinutes,
			Label: c.Name, At: &at})
	}
	return out, nil
}

// openSpans are the instants the branch is open on the day: its opening hours on that
// weekday, none on a closed day (a closure or a public holiday).
func (s *Service) openSpans(ctx context.Context, q db.Q, b Branch, d Day) ([]chairSpan, error) {
	if closed, err := s.closedOn(ctx, q, b, d); err != nil || closed {
		return nil, err
	}
	br, err := s.deps.Branches.Branch(ctx, b.ID)
	if err != nil {
		return nil, err
	}
	local := d.Start.In(d.Zone)
	weekday := clinic.Weekdays[(int(local.Weekday())+6)%7]
	var out []chairSpan
	for _, iv := range br.Hours[weekday] {
		from, okF := openingClock(local, iv.Open, d.Zone)
		to, okT := openingClock(local, iv.Close, d.Zone)
		if okF && okT && from.Before(to) {
			out = append(out, chairSpan{from, to})
		}
	}
	return mergeChairSpans(out), nil
}

// closedOn says the branch does not open on the day.
func (s *Service) closedOn(ctx context.Context, q db.Q, b Branch, d Day) (bool, error) {
	var n int
	if err := db.Get(ctx, q, &n, sqlClosedOn, b.ID, d.Date); err != nil || n > 0 {
		return n > 0, err
	}
	if s.deps.Closures == nil {
		return false, nil
	}
	closed, err := s.deps.Closures.ClosedDays(ctx, b.ID, d.Date)
	return closed[d.Date], err
}

// openingClock is the instant of "HH:MM" on the local date of day in zone ("24:00" is the
// next midnight); a time skipped by a clock change moves forward as time.Date does.
func openingClock(day time.Time, hhmm string, zone *time.Location) (time.Time, bool) {
	var h, m int
	if _, err := fmt.Sscanf(hhmm, "%d:%d", &h, &m); err != nil || h < 0 || h > 24 || m < 0 || m > 59 {
		return time.Time{}, false
	}
	y, mo, dd := day.Date()
	return time.Date(y, mo, dd, h, m, 0, 0, zone).UTC(), true
}

// mergeChairSpans sorts spans and joins those that overlap or touch.
func mergeChairSpans(spans []chairSpan) []chairSpan {
	spans = slices.Clone(spans)
	slices.SortFunc(spans, func(a, b chairSpan) int { return a.From.Compare(b.From) })
	var out []chairSpan
	for _, s := range spans {
		if n := len(out); n > 0 && !s.From.After(out[n-1].To) {
			if s.To.After(out[n-1].To) {
				out[n-1].To = s.To
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// overlapChairSpans is the time both merged lists cover.
func overlapChairSpans(a, b []chairSpan) []chairSpan {
	var out []chairSpan
	for _, x := range a {
		for _, y := range b {
			from, to := laterOf(x.From, y.From), earlierOf(x.To, y.To)
			if from.Before(to) {
				out = append(out, chairSpan{from, to})
			}
		}
	}
	return out
}

// chairMinutes sums the spans in whole minutes.
func chairMinutes(spans []chairSpan) int64 {
	var d time.Duration
	for _, s := range spans {
		d += s.To.Sub(s.From)
	}
	return int64(d / time.Minute)
}

func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlierOf(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
