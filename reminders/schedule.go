package reminders

import (
	"sort"
	"strconv"
	"time"
)

// due is one rule's moment for one visit.
type due struct {
	rule string
	at   time.Time
}

// dueTimes computes when each rule reminds of a visit starting at start, in the
// branch's zone loc: wall-clock rules are built from the local date (so a "12:00" stays
// 12:00 across a DST change), quiet hours push a moment to their end, and moments not
// after now or not before the visit are dropped. The result is in due order.
func dueTimes(s Settings, loc *time.Location, start, now time.Time) []due {
	var out []due
	for _, r := range s.Rules {
		at := ruleMoment(r, loc, start)
		at = outOfQuiet(at, loc, s.QuietFrom, s.QuietTo)
		if !at.After(now) || !at.Before(start) {
			continue
		}
		out = append(out, due{rule: r.Name, at: at.UTC()})
	}
	if len(out) == 0 {
		out = soonReminder(s, loc, start, now)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	return distinct(out)
}

// A visit booked too late for every rule (the same day, a few hours ahead) still gets
// one reminder, soonBefore its start, when it starts at least soonLead after now.
const (
	soonRule   = "soon"
	soonLead   = 3 * time.Hour
	soonBefore = 2 * time.Hour
)

// soonReminder is the one reminder of a visit no rule reminds of, or none.
func soonReminder(s Settings, loc *time.Location, start, now time.Time) []due {
	if start.Sub(now) < soonLead {
		return nil
	}
	at := outOfQuiet(start.Add(-soonBefore), loc, s.QuietFrom, s.QuietTo)
	if !at.After(now) || !at.Before(start) {
		return nil
	}
	return []due{{rule: soonRule, at: at.UTC()}}
}

// distinct drops a reminder due at the same moment as the one before it (quiet hours
// can push two rules onto 08:00): one text is enough.
func distinct(dues []due) []due {
	out := dues[:0]
	for i, d := range dues {
		if i == 0 || !d.at.Equal(dues[i-1].at) {
			out = append(out, d)
		}
	}
	return out
}

// ruleMoment is when r would remind of a visit at start, before quiet hours.
func ruleMoment(r Rule, loc *time.Location, start time.Time) time.Time {
	if r.Kind == KindHoursBefore {
		return start.Add(-time.Duration(r.Hours) * time.Hour)
	}
	local := start.In(loc)
	days, at := r.Days, r.At
	if r.EarlyBefore != "" && minuteOfDay(local) < clockMinutes(r.EarlyBefore) {
		days, at = days+1, r.EarlyAt
	}
	return wallClock(local.AddDate(0, 0, -days), at, loc)
}

// wallClock is hh:mm local time on day's date. time.Date normalises a time that a
// spring-forward skips to a real instant next to it.
func wallClock(day time.Time, hhmm string, loc *time.Location) time.Time {
	m := clockMinutes(hhmm)
	return time.Date(day.Year(), day.Month(), day.Day(), m/60, m%60, 0, 0, loc)
}

// outOfQuiet moves at to the end of the quiet hours [from, to) it falls in (which may
// wrap midnight: 21:00-08:00); a moment outside them stays.
func outOfQuiet(at time.Time, loc *time.Location, from, to string) time.Time {
	if from == "" || to == "" || from == to {
		return at
	}
	local := at.In(loc)
	m, f, t := minuteOfDay(local), clockMinutes(from), clockMinutes(to)
	switch {
	case f < t && m >= f && m < t:
		return wallClock(local, to, loc)
	case f > t && m >= f:
		return wallClock(local.AddDate(0, 0, 1), to, loc)
	case f > t && m < t:
		return wallClock(local, to, loc)
	}
	return at
}

func minuteOfDay(t time.Time) int { return t.Hour()*60 + t.Minute() }

// clockMinutes reads "hh:mm" (validated on the way in) as minutes after midnight.
func clockMinutes(hhmm string) int {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return 0
	}
	return t.Hour()*60 + t.Minute()
}

func itoa(n int) string { return strconv.Itoa(n) }
