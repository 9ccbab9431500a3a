package apitest

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/booking/schedule"
)

// OpenDay is the date of from in loc, or the first date after it on which the branch
// is open by the app's own calendar: no public holiday of its country, no owner's
// closure. Fixtures book "a week ahead", and some weeks a week ahead is 24 December.
func (e *Env) OpenDay(branchID string, from time.Time, loc *time.Location) time.Time {
	e.t.Helper()
	return e.OpenDays(branchID, from, 1, loc)
}

// OpenDays is the first date from from in loc that opens a run of n days on which the
// branch is open: tests that book on the days after their first need each of them.
func (e *Env) OpenDays(branchID string, from time.Time, n int, loc *time.Location) time.Time {
	e.t.Helper()
	day := from.In(loc)
	closed := e.closedFrom(branchID, day.Format(time.DateOnly))
	for run := 0; run < n; run++ {
		if closed[day.AddDate(0, 0, run).Format(time.DateOnly)] {
			day, run = day.AddDate(0, 0, run+1), -1
		}
	}
	return day
}

// closedFrom is the set of the branch's closed dates on or after date: one read, as
// Closures answers every one up to a year ahead.
func (e *Env) closedFrom(branchID, date string) map[string]bool {
	e.t.Helper()
	closures, err := e.Schedules.Closures(context.Background(), branchID, date)
	if err != nil {
		e.t.Fatalf("closures: %v", err)
	}
	closed := map[string]bool{}
	for _, c := range closures {
		closed[c.Date] = true
	}
	return closed
}

// OpenOn opens the branch on day's date in loc when a public holiday closes it, as an
// owner may, for a test that books there and is not about the calendar.
func (e *Env) OpenOn(branchID string, day time.Time, loc *time.Location) {
	e.t.Helper()
	ctx := context.Background()
	date := day.In(loc).Format(time.DateOnly)
	closures, err := e.Schedules.Closures(ctx, branchID, date)
	if err != nil {
		e.t.Fatalf("closures: %v", err)
	}
	for _, c := range closures {
		if c.Date != date || c.Source != schedule.ClosedByHoliday {
			continue
		}
		if _, err := e.Schedules.AddOpenDay(ctx, branchID, date, c.Reason+" (open for the test)"); err != nil {
			e.t.Fatalf("open %s: %v", date, err)
		}
	}
}
