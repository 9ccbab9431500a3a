package schedule

import (
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// slotsPerDay counts the slots of each day of a result.
func slotsPerDay(r Result) map[string]int {
	out := map[string]int{}
	for _, d := range r.Days {
		out[d.Date] = len(d.Slots)
	}
	return out
}

// A Warsaw branch is closed on 24–26 December (Wigilia is a holiday from 2025) without
// anyone entering a closure; an owner's open day opens the 24th again.
func TestHolidaysCloseWarsawAtChristmas(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newAvailWorld(t, d)
		w.now = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		byDay := slotsPerDay(w.avail(w.query("2026-12-23", 5)))
		for day, want := range map[string]int{"2026-12-23": 31, "2026-12-24": 0, "2026-12-25": 0, "2026-12-26": 0, "2026-12-27": 31} {
			if byDay[day] != want {
				t.Fatalf("%s has %d slots, want %d (all: %v)", day, byDay[day], want, byDay)
			}
		}
		open := need(w.s.AddOpenDay(bg, w.b.ID, "2026-12-24", "open for emergencies"))(t)
		if byDay = slotsPerDay(w.avail(w.query("2026-12-24", 2))); byDay["2026-12-24"] != 31 || byDay["2026-12-25"] != 0 {
			t.Fatalf("opened Christmas Eve: %v", byDay)
		}
		if _, err := w.s.AddOpenDay(bg, w.b.ID, "2026-12-24", ""); err != ErrOpenDayExists {
			t.Fatalf("second open day: %v", err)
		}
		need(0, w.s.DeleteOpenDay(bg, w.b.ID, open.ID))(t)
		if byDay = slotsPerDay(w.avail(w.query("2026-12-24", 1))); byDay["2026-12-24"] != 0 {
			t.Fatalf("the holiday is back: %v", byDay)
		}
	})
}

// Closures (what telephony's callbacks and reviews' follow-up calls skip) list the
// holidays beside the owner's closures, without the ones an open day overrides.
func TestClosuresListHolidays(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newAvailWorld(t, d)
		need(w.s.AddClosure(bg, w.b.ID, "2026-12-31", "inventory"))(t)
		need(w.s.AddOpenDay(bg, w.b.ID, "2026-12-26", ""))(t)
		list := need(w.s.Closures(bg, w.b.ID, "2026-12-20"))(t)
		var got []string
		for _, c := range list[:4] {
			got = append(got, c.Date+" "+c.Source)
		}
		want := []string{"2026-12-24 holiday", "2026-12-25 holiday", "2026-12-31 owner", "2027-01-01 holiday"}
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
			t.Fatalf("closures %v, want %v", got, want)
		}
		if list[0].Reason != "Wigilia Bożego Narodzenia" || list[0].ID != "" {
			t.Fatalf("holiday %+v", list[0])
		}
	})
}

// Each country has its own holidays; a country the library has no calendar for has
// only its owners' closures.
func TestPublicHolidaysByCountry(t *testing.T) {
	first, _ := parseCivil("2026-01-01")
	last, _ := parseCivil("2026-12-31")
	cases := []struct {
		country, day string
		closed       bool
	}{
		{"PL", "2026-11-11", true}, {"PL", "2026-06-06", false},
		{"SE", "2026-06-06", true}, {"SE", "2026-06-19", true},
		{"GB", "2026-12-28", true}, {"GB", "2026-11-11", false}, // Boxing Day falls on Saturday: Monday is off
		{"RU", "2026-06-12", true}, {"DE", "2026-12-25", false}, {"", "2026-12-25", false},
	}
	for _, c := range cases {
		if _, got := publicHolidays(c.country, first, last)[c.day]; got != c.closed {
			t.Errorf("%s %s closed %v, want %v", c.country, c.day, got, c.closed)
		}
	}
}
