package reviews

import (
	"strconv"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// zone is the branch's time zone, loaded once (clinic.Zone).
func zone(name string) *time.Location { return clinic.Zone(name) }

var weekdayKeys = [...]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// minutesOf reads "HH:MM" as minutes after midnight.
func minutesOf(hhmm string) (int, bool) {
	if len(hhmm) != 5 || hhmm[2] != ':' {
		return 0, false
	}
	h, err1 := strconv.Atoi(hhmm[:2])
	m, err2 := strconv.Atoi(hhmm[3:])
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}

// at is the instant of minutes after local midnight on day's date, built with
// time.Date so a DST day keeps its wall-clock times.
func at(day time.Time, minutes int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), minutes/60, minutes%60, 0, 0, day.Location())
}

// calling is when a branch calls patients: its policy's hours on the days it is open,
// never before it opens nor after it closes that day.
type calling struct {
	branch clinic.Branch
	policy Settings
	closed map[string]bool
}

// window is the calling time of day's local date; ok is false on a closed day.
func (c calling) window(day time.Time) (from, to time.Time, ok bool) {
	spans := c.branch.Hours[weekdayKeys[day.Weekday()]]
	if len(spans) == 0 || c.closed[day.Format(time.DateOnly)] {
		return time.Time{}, time.Time{}, false
	}
	o, _ := minutesOf(c.policy.CallsOpen)
	e, _ := minutesOf(c.policy.CallsClose)
	first, _ := minutesOf(spans[0].Open)
	last, okLast := minutesOf(spans[len(spans)-1].Close)
	if !okLast { // "24:00"
		last = 24 * 60
	}
	from, to = at(day, max(o, first)), at(day, min(e, last))
	return from, to, to.After(from)
}

// horizon is how many days ahead a call time is looked for: a branch closed for
// longer gets its call at the earliest time asked, in plain time.
const horizon = 31

// next is the first calling moment at or after earliest.
func (c calling) next(earliest time.Time) time.Time {
	local := earliest.In(zone(c.branch.TimeZone))
	for d := 0; d < horizon; d++ {
		day := time.Date(local.Year(), local.Month(), local.Day()+d, 0, 0, 0, 0, local.Location())
		from, to, ok := c.window(day)
		switch {
		case !ok || !local.Before(to):
			continue
		case local.Before(from):
			return from.UTC()
		default:
			return local.UTC()
		}
	}
	return earliest.UTC()
}

// startOfDayAfter is local midnight after t, in the branch's zone.
func (c calling) startOfDayAfter(t time.Time, days int) time.Time {
	l := t.In(zone(c.branch.TimeZone))
	return time.Date(l.Year(), l.Month(), l.Day()+days, 0, 0, 0, 0, l.Location())
}

// firstCall is when a visit completed at done is first called about, days later: the
// start of calling hours that day (or the next calling day), or now when that is later.
func (c calling) firstCall(done, now time.Time, days int) time.Time {
	earliest := c.startOfDayAfter(done, days)
	if now.After(earliest) {
		return c.next(now)
	}
	return c.next(earliest)
}

// retry is when attempt number n (just failed at t) is tried again: the first retry a
// gap later if the day still allows it, later ones the next calling day's start.
func (c calling) retry(t time.Time, n int) time.Time {
	if n == 1 {
		return c.next(t.Add(time.Duration(c.policy.RetryMinutes) * time.Minute))
	}
	return c.next(c.startOfDayAfter(t, 1))
}
