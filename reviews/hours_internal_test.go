package reviews

import (
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// warsaw is a branch open 08:00–20:00 on weekdays and 09:00–14:00 on Saturdays,
// closed on Sundays, calling 10:00–19:00 by default.
func warsaw(closed ...string) calling {
	week := []clinic.Interval{{Open: "08:00", Close: "20:00"}}
	hours := clinic.OpeningHours{"mon": week, "tue": week, "wed": week, "thu": week, "fri": week,
		"sat": {{Open: "09:00", Close: "14:00"}}}
	set := map[string]bool{}
	for _, d := range closed {
		set[d] = true
	}
	return calling{branch: clinic.Branch{TimeZone: "Europe/Warsaw", Hours: hours}, policy: DefaultSettings(""), closed: set}
}

func local(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, zone("Europe/Warsaw"))
	if err != nil {
		panic(err)
	}
	return t
}

func TestFirstCallFallsInCallingHoursOnOpenDays(t *testing.T) {
	cases := []struct {
		name      string
		done, now string
		days      int
		closed    []string
		want      string
	}{
		{"next day at ten", "2026-12-07 15:00", "2026-12-07 15:30", 1, nil, "2026-12-08 10:00"},
		{"Saturday calls end when the branch closes, begin at ten", "2026-12-11 12:00", "2026-12-11 12:30", 1, nil, "2026-12-12 10:00"},
		{"Sunday is closed: Monday", "2026-12-12 11:00", "2026-12-12 11:30", 1, nil, "2026-12-14 10:00"},
		{"a holiday is closed: the day after", "2026-12-23 11:00", "2026-12-23 11:30", 1, []string{"2026-12-24"}, "2026-12-25 10:00"},
		{"same day inside hours: now", "2026-12-07 11:00", "2026-12-07 11:20", 0, nil, "2026-12-07 11:20"},
		{"same day after hours: next morning", "2026-12-07 19:10", "2026-12-07 19:30", 0, nil, "2026-12-08 10:00"},
		// Spring forward: 2026-03-29 has 23 hours in Warsaw; 10:00 is still 10:00 local.
		{"across the spring DST change", "2026-03-27 15:00", "2026-03-27 15:00", 3, nil, "2026-03-30 10:00"},
		// Fall back: 2026-10-25 has 25 hours.
		{"across the autumn DST change", "2026-10-24 13:00", "2026-10-24 13:00", 2, nil, "2026-10-26 10:00"},
	}
	for _, tc := range cases {
		got := warsaw(tc.closed...).firstCall(local(tc.done).UTC(), local(tc.now).UTC(), tc.days)
		if want := local(tc.want); !got.Equal(want) {
			t.Errorf("%s: got %v, want %v", tc.name, got.In(zone("Europe/Warsaw")), want)
		}
	}
}

func TestRetriesAreTwoHoursThenTheNextCallingDay(t *testing.T) {
	c := warsaw()
	cases := []struct {
		name string
		at   string
		n    int
		want string
	}{
		{"first retry two hours later", "2026-12-07 10:05", 1, "2026-12-07 12:05"},
		{"first retry past 19:00: next morning", "2026-12-07 17:30", 1, "2026-12-08 10:00"},
		{"second retry: next calling day's start", "2026-12-07 12:05", 2, "2026-12-08 10:00"},
		{"Saturday's first retry past closing: Monday", "2026-12-12 12:30", 1, "2026-12-14 10:00"},
		{"the night DST ends, the next day's ten is local ten", "2026-10-24 12:00", 2, "2026-10-26 10:00"},
	}
	for _, tc := range cases {
		got := c.retry(local(tc.at).UTC(), tc.n)
		if want := local(tc.want); !got.Equal(want) {
			t.Errorf("%s: got %v, want %v", tc.name, got.In(zone("Europe/Warsaw")), want)
		}
	}
}

func TestDefaultPlansByKindOfService(t *testing.T) {
	cases := map[string]*int{"extraction": ptr(1), "wisdom-tooth": ptr(1), "implant-surgery": ptr(1),
		"root-canal": ptr(2), "hygiene": nil, "checkup": ptr(3), "implant-consult": ptr(3), "whitening": ptr(3)}
	for code, want := range cases {
		got := DefaultDays(clinic.Procedure{Code: code})
		if (got == nil) != (want == nil) || got != nil && *got != *want {
			t.Errorf("%s: got %v, want %v", code, got, want)
		}
	}
}

func ptr(n int) *int { return &n }
