package console

import (
	"sort"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/visit"
)

// slot is one row of the grid: visits are placed to the five minutes.
const slot = 5 * time.Minute

// maxSpan and maxColumns bound the grid to the classes console.css defines.
const (
	maxSpan    = 96
	maxColumns = 40
	maxTop     = 290
)

// column is one column of the grid: a chair, or a doctor with ?by=doctor.
type column struct {
	ID, Name string
	Col      int
}

// hourMark labels an hour on the grid's time column.
type hourMark struct {
	Label string
	Top   int
}

// board is the day laid out: the rows in time order and the grid they sit on.
type board struct {
	Rows     []dayRow
	Columns  []column
	Hours    []hourMark
	Now      int
	NowClock string
}

// board lays the day out at now: each row's version, its grid row and span from its
// times and its column from its chair (or doctor); the now line when the day is today.
func (d dayData) board(now time.Time, lang, by string) board {
	loc := clinic.Zone(d.branch.TimeZone)
	day, _ := time.ParseInLocation(time.DateOnly, d.localDate, loc)
	first, last := d.hours(loc)
	start := day.Add(time.Duration(first) * time.Hour)
	b := board{Columns: d.columns(by)}
	colOf := map[string]int{}
	for _, c := range b.Columns {
		colOf[c.ID] = c.Col
	}
	for _, v := range d.visits {
		r := d.rowOf(v, now, lang)
		r.Top = clamp(2+int(v.Start.Sub(start)/slot), 2, maxTop)
		r.Span = clamp(int((v.End.Sub(v.Start)+slot-1)/slot), 1, maxSpan)
		r.Col = colOf[columnKey(v, by)]
		r.Version = r.stamp()
		b.Rows = append(b.Rows, r)
	}
	for h := first; h < last; h++ {
		b.Hours = append(b.Hours, hourMark{Label: day.Add(time.Duration(h) * time.Hour).Format("15:04"), Top: 2 + (h-first)*12})
	}
	if LocalDate(now, d.branch) == d.localDate && now.After(start) {
		if top := 2 + int(now.Sub(start)/slot); top < 2+(last-first)*12 {
			b.Now, b.NowClock = top, Clock(now, d.branch)
		}
	}
	return b
}

// hours are the first and last local hours the grid shows: the working day, widened
// to hold every visit.
func (d dayData) hours(loc *time.Location) (int, int) {
	first, last := 8, 18
	for _, v := range d.visits {
		s, e := v.Start.In(loc), v.End.In(loc)
		first = min(first, s.Hour())
		if e.Day() != s.Day() {
			last = 24
		} else {
			last = max(last, e.Hour()+min(1, e.Minute()))
		}
	}
	return first, last
}

// columns are the branch's chairs by name (or its doctors with by=doctor), with any
// other a visit names, up to the grid's width.
func (d dayData) columns(by string) []column {
	var out []column
	if by == "doctor" {
		for _, x := range d.doctors {
			out = append(out, column{ID: x.ID, Name: x.DisplayName})
		}
	} else {
		for _, x := range d.chairs {
			if x.Active {
				out = append(out, column{ID: x.ID, Name: x.Name})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	out = d.withStrays(out, by)
	if len(out) > maxColumns {
		out = out[:maxColumns]
	}
	for i := range out {
		out[i].Col = i + 2
	}
	return out
}

// withStrays adds the columns of visits whose chair or doctor is not listed (an
// inactive chair still holding a visit).
func (d dayData) withStrays(cols []column, by string) []column {
	have := map[string]bool{}
	for _, c := range cols {
		have[c.ID] = true
	}
	for _, v := range d.visits {
		if id := columnKey(v, by); !have[id] {
			have[id] = true
			name := d.chairName(id)
			if by == "doctor" {
				name = d.doctorName(id)
			}
			cols = append(cols, column{ID: id, Name: name})
		}
	}
	return cols
}

func columnKey(v visit.Visit, by string) string {
	if by == "doctor" {
		return v.DoctorID
	}
	return v.ChairID
}

func clamp(n, lo, hi int) int { return max(lo, min(hi, n)) }
