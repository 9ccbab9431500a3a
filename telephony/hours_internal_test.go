package telephony

import (
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// warsaw is open 09:00–19:00 on weekdays, 10:00–14:00 on Saturday, closed on Sunday.
var warsaw = clinic.Branch{TimeZone: "Europe/Warsaw", Hours: clinic.OpeningHours{
	"mon": {{Open: "09:00", Close: "19:00"}}, "tue": {{Open: "09:00", Close: "19:00"}},
	"wed": {{Open: "09:00", Close: "19:00"}}, "thu": {{Open: "09:00", Close: "19:00"}},
	"fri": {{Open: "09:00", Close: "19:00"}}, "sat": {{Open: "10:00", Close: "14:00"}},
}}

func at(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02 15:04", s, zone("Europe/Warsaw"))
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestCallbacksAreDueInOpeningTime(t *testing.T) {
	target := 15 * time.Minute
	cases := []struct{ name, missed, want string }{
		{"in hours", "2026-03-04 11:00", "2026-03-04 11:15"},
		{"just before closing spills into the next opening", "2026-03-04 18:55", "2026-03-05 09:10"},
		{"after hours: first thing next morning", "2026-03-04 21:30", "2026-03-05 09:00"},
		{"before opening", "2026-03-04 07:10", "2026-03-04 09:00"},
		{"Saturday afternoon skips the closed Sunday", "2026-03-07 15:00", "2026-03-09 09:00"},
		{"Saturday spill skips Sunday", "2026-03-07 13:50", "2026-03-09 09:05"},
		// 29 March 2026: clocks go forward at 02:00 on a Sunday (closed); Monday 09:00
		// is 07:00 UTC, not 08:00.
		{"across the spring DST change", "2026-03-28 20:00", "2026-03-30 09:00"},
		// 25 October 2026: clocks go back; Monday 09:00 CET is 08:00 UTC.
		{"across the autumn DST change", "2026-10-24 18:00", "2026-10-26 09:00"},
		// 1 May 2026, a Friday, is a holiday: Thursday evening's call is due Saturday
		{"a holiday is skipped", "2026-04-30 20:00", "2026-05-02 10:00"},
	}
	for _, c := range cases {
		got := callbackDue(warsaw, map[string]bool{"2026-05-01": true}, at(t, c.missed).UTC(), target)
		if want := at(t, c.want).UTC(); !got.Equal(want) {
			t.Errorf("%s: missed %s → due %s, want %s", c.name, c.missed, got.In(zone("Europe/Warsaw")), c.want)
		}
	}
}

func TestABranchWithoutHoursHasCallbacksDueAfterTheTarget(t *testing.T) {
	b := clinic.Branch{TimeZone: "Europe/Stockholm"}
	missed := time.Date(2026, 6, 1, 23, 0, 0, 0, time.UTC)
	if got := callbackDue(b, nil, missed, 15*time.Minute); !got.Equal(missed.Add(15 * time.Minute)) {
		t.Fatalf("due %v", got)
	}
}
