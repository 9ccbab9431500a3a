package figures

import (
	"fmt"
	"slices"
	"time"
)

// period is one bucket of local dates, From..To inclusive.
type period struct{ Name, From, To string }

// periodsOf cuts from..to into days, ISO weeks or months; the first and last buckets
// are clipped to the range, so a range's periods add up to exactly the range.
func periodsOf(from, to, by string) ([]period, error) {
	f, err := parseDate(from)
	if err != nil {
		return nil, err
	}
	t, err := parseDate(to)
	if err != nil || t.Before(f) || t.Sub(f) > maxDays*24*time.Hour {
		return nil, ErrBadRange
	}
	next, name := stepOf(by)
	if next == nil {
		return nil, ErrBadRange
	}
	var ps []period
	for start := f; !start.After(t); {
		end := next(start).AddDate(0, 0, -1)
		if end.After(t) {
			end = t
		}
		ps = append(ps, period{Name: name(start), From: start.Format(time.DateOnly), To: end.Format(time.DateOnly)})
		start = end.AddDate(0, 0, 1)
	}
	return ps, nil
}

// stepOf is where the bucket after the one holding a date starts, and its name.
func stepOf(by string) (next func(time.Time) time.Time, name func(time.Time) string) {
	switch by {
	case "day":
		return func(t time.Time) time.Time { return t.AddDate(0, 0, 1) },
			func(t time.Time) string { return t.Format(time.DateOnly) }
	case "week":
		return func(t time.Time) time.Time { return t.AddDate(0, 0, 8-isoWeekday(t)) },
			func(t time.Time) string { y, w := t.ISOWeek(); return fmt.Sprintf("%d-W%02d", y, w) }
	case "month":
		return func(t time.Time) time.Time { return time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC) },
			func(t time.Time) string { return t.Format("2006-01") }
	}
	return nil, nil
}

// isoWeekday is 1 for Monday … 7 for Sunday.
func isoWeekday(t time.Time) int {
	if t.Weekday() == time.Sunday {
		return 7
	}
	return int(t.Weekday())
}

// pointOf makes one period of one figure from its stored days (or, for a median, its rows).
func pointOf(d Definition, p period, days []daySum, rows []medianRow) Point {
	pt := Point{Period: p.Name, From: p.From, To: p.To}
	switch d.Sum {
	case Median:
		var in []int64
		for _, r := range rows {
			if r.Day >= p.From && r.Day <= p.To {
				in = append(in, r.Num)
			}
		}
		pt.Num, pt.Den = int64(len(in)), int64(len(in))
		pt.Value = median(in)
		return pt
	case Last:
		newest := ""
		for _, day := range days {
			if day.Day >= p.From && day.Day <= p.To && day.Day > newest {
				newest, pt.Num, pt.Den = day.Day, day.Num, day.Den
			}
		}
		if newest == "" {
			return pt
		}
	default:
		for _, day := range days {
			if day.Day >= p.From && day.Day <= p.To {
				pt.Num += day.Num
				pt.Den += day.Den
			}
		}
	}
	pt.Value = valueOf(d.Unit, pt.Num, pt.Den)
	return pt
}

// valueOf reads num and den in unit; nil when nothing was counted.
func valueOf(u Unit, num, den int64) *float64 {
	var v float64
	switch u {
	case Count, Days:
		// Nothing counted is a count of 0, not an unknown.
		v = float64(num)
	case Score:
		if den == 0 {
			return nil
		}
		v = float64(num) / float64(den) * 100
	default:
		if den == 0 {
			return nil
		}
		v = float64(num) / float64(den)
	}
	return &v
}

// median is the middle of values (the mean of the two middle ones); nil when none.
func median(values []int64) *float64 {
	if len(values) == 0 {
		return nil
	}
	s := slices.Clone(values)
	slices.Sort(s)
	m := float64(s[len(s)/2])
	if len(s)%2 == 0 {
		m = float64(s[len(s)/2-1]+s[len(s)/2]) / 2
	}
	return &m
}

// periodKeys are a day's ISO week (its Monday) and month, as stored beside its sums.
func periodKeys(date string) (week, month string) {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return "", ""
	}
	return t.AddDate(0, 0, 1-isoWeekday(t)).Format(time.DateOnly), date[:7]
}
