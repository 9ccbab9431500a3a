package telephony

import (
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// zone is the branch's time zone, loaded once (clinic.Zone).
func zone(name string) *time.Location { return clinic.Zone(name) }

var weekdayKeys = [...]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// span is one opening interval on a date, as instants.
type span struct{ open, close time.Time }

// openSpans lists the branch's opening intervals of the local date of day, built with
// time.Date in the branch's zone so a DST day has its real length.
func openSpans(h clinic.OpeningHours, day time.Time) []span {
	var out []span
	for _, iv := range h[weekdayKeys[day.Weekday()]] {
		o, ok1 := clockOn(day, iv.Open)
		c, ok2 := clockOn(day, iv.Close)
		if ok1 && ok2 && c.After(o) {
			out = append(out, span{o, c})
		}
	}
	return out
}

func clockOn(day time.Time, hhmm string) (time.Time, bool) {
	t, err := time.Parse("15:04", hhmm)
	if hhmm == "24:00" {
		return time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, day.Location()), true
	}
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, day.Location()), true
}

// horizon is how far ahead a callback's due time is looked for: a branch closed for
// longer has its callbacks due after the target in plain time.
const horizon = 14

// callbackDue is when a call missed at missed must be returned: target of opening time
// later (a call missed five minutes before closing is due ten minutes after the next
// opening), or, missed after hours, at the start of the next opening.
// Days in closed (local dates, holidays) have no opening time.
func callbackDue(b clinic.Branch, closed map[string]bool, missed time.Time, target time.Duration) time.Time {
	local := missed.In(zone(b.TimeZone))
	left := target
	for d := 0; d < horizon; d++ {
		day := time.Date(local.Year(), local.Month(), local.Day()+d, 0, 0, 0, 0, local.Location())
		if closed[day.Format(time.DateOnly)] {
			continue
		}
		for _, sp := range openSpans(b.Hours, day) {
			switch {
			case !local.Before(sp.close):
				continue
			case local.Before(sp.open) && left == target:
				return sp.open.UTC() // missed after hours: first thing when the desk opens
			case local.Before(sp.open):
				local = sp.open
			}
			if local.Add(left).Compare(sp.close) <= 0 {
				return local.Add(left).UTC()
			}
			left -= sp.close.Sub(local)
			local = sp.close
		}
	}
	return missed.Add(target).UTC()
}
