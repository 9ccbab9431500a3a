package schedule

import (
	"time"
)

// The engine reckons in Unix seconds: int64 comparisons keep the interval sweeps
// cheap, and a second is finer than any rule (visits and steps are whole minutes).

const daySeconds = 24 * 60 * 60

// maxZoneOffset bounds any zone's distance from UTC (the widest are −12 h and +14 h).
const maxZoneOffset = 15 * 60 * 60

// civil is a local calendar date, kept as midnight UTC so that date arithmetic never
// meets a DST change.
type civil struct{ t time.Time }

// parseCivil reads a YYYY-MM-DD date.
func parseCivil(s string) (civil, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return civil{t}, err == nil
}

// civilOf is the local date of the instant t in loc.
func civilOf(t time.Time, loc *time.Location) civil {
	y, m, d := t.In(loc).Date()
	return civil{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

func (c civil) String() string        { return c.t.Format(time.DateOnly) }
func (c civil) add(days int) civil    { return civil{c.t.AddDate(0, 0, days)} }
func (c civil) before(o civil) bool   { return c.t.Before(o.t) }
func (c civil) daysUntil(o civil) int { return int(o.t.Sub(c.t) / (24 * time.Hour)) }

// isoWeekday is 1 for Monday … 7 for Sunday, as schedules store it.
func (c civil) isoWeekday() int { return (int(c.t.Weekday())+6)%7 + 1 }

// daySeg is a run of instants of one local day during which the zone's offset is
// constant, so wall time and instant move together.
type daySeg struct {
	from, to int64 // instants, half-open
	wall     int64 // seconds after local midnight shown on the wall at from
}

// localDay is a local date and the instants that show it on the wall clock: one
// segment on most days, two on the days the clocks change (23 or 25 hours in all).
type localDay struct {
	date civil
	segs []daySeg
}

// newLocalDay walks the zone's offset changes around the date. Looking at instants
// rather than converting wall times is what keeps the missing hour of spring out and
// both passes of the repeated autumn hour in, each exactly once.
func newLocalDay(date civil, loc *time.Location) localDay {
	midnight := date.t.Unix() // local midnight read as if it were UTC
	day := localDay{date: date}
	cur := time.Unix(midnight-maxZoneOffset, 0).In(loc)
	for cur.Unix() < midnight+daySeconds+maxZoneOffset {
		_, offset := cur.Zone()
		_, next := cur.ZoneBounds()
		end := int64(1<<62 - 1)
		if !next.IsZero() {
			end = next.Unix()
		}
		lo := max(cur.Unix(), midnight-int64(offset))
		hi := min(end, midnight+daySeconds-int64(offset))
		if lo < hi {
			day.segs = append(day.segs, daySeg{from: lo, to: hi, wall: lo + int64(offset) - midnight})
		}
		if next.IsZero() {
			break
		}
		cur = next
	}
	return day
}

// bounds are the first instant of the day and the first of the next.
func (d localDay) bounds() span {
	return span{d.segs[0].from, d.segs[len(d.segs)-1].to}
}

// wallSpans turns wall-clock seconds [from, to) of the day into instants.
func (d localDay) wallSpans(from, to int64, out []span) []span {
	for _, s := range d.segs {
		lo, hi := max(from, s.wall), min(to, s.wall+s.to-s.from)
		if lo < hi {
			out = append(out, span{s.from + lo - s.wall, s.from + hi - s.wall})
		}
	}
	return out
}

// grid appends the instants whose wall time is a whole number of steps after local
// midnight, in order; the lead's OnGrid accepts exactly these.
func (d localDay) grid(step int64, out []int64) []int64 {
	for _, s := range d.segs {
		first := (s.wall + step - 1) / step * step
		for w := first; w < s.wall+s.to-s.from; w += step {
			out = append(out, s.from+w-s.wall)
		}
	}
	return out
}

// localDays builds n consecutive local days from first.
func localDays(first civil, n int, loc *time.Location) []localDay {
	out := make([]localDay, n)
	for i := range out {
		out[i] = newLocalDay(first.add(i), loc)
	}
	return out
}
