package maintenance

import "time"

// Dates are civil dates in the branch's calendar. Arithmetic runs on time.Date at noon
// in the branch's zone with AddDate, which counts calendar days, never 24-hour spans,
// so a DST change never moves a due date.

func civil(date string, loc *time.Location) time.Time {
	d, _ := time.ParseInLocation(time.DateOnly, date, loc)
	return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, loc)
}

// startOf is the first instant of a date in the branch's calendar.
func startOf(date string, loc *time.Location) time.Time {
	d, _ := time.ParseInLocation(time.DateOnly, date, loc)
	return d
}

// step is date moved on by n units. Months and years keep the day of the month where
// the month has it and take the month's last day where it does not (31 Jan → 28 Feb),
// rather than spilling into the month after.
func step(date string, n int, unit string, loc *time.Location) string {
	d := civil(date, loc)
	switch unit {
	case Day:
		d = d.AddDate(0, 0, n)
	case Week:
		d = d.AddDate(0, 0, 7*n)
	case Month:
		d = addMonths(d, n)
	case Year:
		d = addMonths(d, 12*n)
	}
	return d.Format(time.DateOnly)
}

func addMonths(d time.Time, n int) time.Time {
	first := time.Date(d.Year(), d.Month()+time.Month(n), 1, 12, 0, 0, 0, d.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d.Day(), last)-1)
}

// nextAfter is the first date of the job's rhythm after today, counted from the due
// date just done (not from the day it was done): done late, the rhythm holds, and the
// occurrences missed meanwhile are not owed one after another.
// Each candidate is counted from the due date itself, so a skipped 28 February does
// not pull a job due on the 31st to the 28th.
func nextAfter(due string, n int, unit, today string, loc *time.Location) string {
	next := step(due, n, unit, loc)
	for k := 2; next <= today; k++ {
		next = step(due, k*n, unit, loc)
	}
	return next
}

// daysLate is how many calendar days today is past due (negative before it).
func daysLate(due, today string) int {
	a, b := civil(due, time.UTC), civil(today, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// localDate is the date at instant now in the branch's calendar.
func localDate(now time.Time, loc *time.Location) string { return now.In(loc).Format(time.DateOnly) }

// State is where the job stands on the local date today.
func (j Job) State(today string) string {
	switch {
	case !j.Active || j.NextDueOn == nil:
		return Inactive
	case *j.NextDueOn > today:
		return Upcoming
	case *j.NextDueOn == today:
		return Due
	}
	return Overdue
}

// DaysOverdue is how many days past due the job is on today (0 when it is not).
func (j Job) DaysOverdue(today string) int {
	if j.State(today) != Overdue {
		return 0
	}
	return daysLate(*j.NextDueOn, today)
}
