package clinic

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
)

// maxIntervalsPerDay bounds a day's intervals; real clinics have one or two (a lunch break).
const maxIntervalsPerDay = 8

// checkHours validates opening hours (weekday keys, "HH:MM" times, open before close,
// no overlaps; touching intervals are fine) and returns them with each day sorted, so
// the booking engine can walk them in order. Errors name the interval as sent.
func checkHours(p *problems, field string, in OpeningHours) OpeningHours {
	out := OpeningHours{}
	for _, day := range slices.Sorted(maps.Keys(in)) {
		spans := in[day]
		path := field + "." + day
		if !slices.Contains(Weekdays, day) {
			p.add(path, "weekday", "must be one of: mon tue wed thu fri sat sun")
			continue
		}
		if len(spans) > maxIntervalsPerDay {
			p.add(path, "max", fmt.Sprintf("must have at most %d intervals", maxIntervalsPerDay))
			continue
		}
		if sorted, ok := checkDay(p, path, spans); ok && len(sorted) > 0 {
			out[day] = sorted
		}
	}
	return out
}

// span is an interval read as minutes, remembering its index in the request.
type span struct {
	i, open, close int
}

// checkDay validates one day's intervals; ok is false when any was bad.
func checkDay(p *problems, path string, spans []Interval) ([]Interval, bool) {
	bad := len(*p)
	parsed := parseSpans(p, path, spans)
	slices.SortFunc(parsed, func(a, b span) int { return a.open - b.open })
	for k := 1; k < len(parsed); k++ {
		if parsed[k].open < parsed[k-1].close {
			p.add(path+"["+strconv.Itoa(parsed[k].i)+"]", "overlap", "overlaps another interval of the day")
		}
	}
	out := make([]Interval, len(parsed))
	for k, s := range parsed {
		out[k] = spans[s.i]
	}
	return out, len(*p) == bad
}

// parseSpans reads each interval's times, naming the bad ones as sent.
func parseSpans(p *problems, path string, spans []Interval) []span {
	parsed := make([]span, 0, len(spans))
	for i, s := range spans {
		at := path + "[" + strconv.Itoa(i) + "]"
		o, okO := clockMinutes(s.Open, false)
		c, okC := clockMinutes(s.Close, true)
		switch {
		case !okO:
			p.add(at+".open", "time", "must be a time HH:MM")
		case !okC:
			p.add(at+".close", "time", "must be a time HH:MM (24:00 for midnight)")
		case o >= c:
			p.add(at+".close", "after_open", "must be later than open")
		default:
			parsed = append(parsed, span{i, o, c})
		}
	}
	return parsed
}

var clock = regexp.MustCompile(`^[0-9]{2}:[0-9]{2}$`)

// clockMinutes reads "HH:MM" as minutes after midnight; "24:00" is allowed only as a
// closing time, meaning the end of the day.
func clockMinutes(s string, closing bool) (int, bool) {
	if !clock.MatchString(s) {
		return 0, false
	}
	h, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[3:])
	if m > 59 {
		return 0, false
	}
	if h < 24 || (closing && h == 24 && m == 0) {
		return h*60 + m, true
	}
	return 0, false
}
