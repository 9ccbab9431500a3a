package schedule

import (
	"slices"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustCivil(t testing.TB, s string) civil {
	t.Helper()
	c, ok := parseCivil(s)
	if !ok {
		t.Fatalf("bad date %q", s)
	}
	return c
}

// TestLocalDayLength: the days the clocks change are 23 and 25 hours long; an
// ordinary day and a day in a zone without DST are 24.
func TestLocalDayLength(t *testing.T) {
	cases := []struct {
		zone, date string
		hours      int64
	}{
		{"Europe/Warsaw", "2026-03-29", 23}, {"Europe/Warsaw", "2026-10-25", 25},
		{"Europe/Stockholm", "2026-03-29", 23}, {"Europe/Stockholm", "2026-10-25", 25},
		{"Europe/Warsaw", "2026-03-30", 24}, {"Europe/Moscow", "2026-03-29", 24},
		{"America/New_York", "2026-03-08", 23}, {"Pacific/Kiritimati", "2026-01-01", 24},
	}
	for _, c := range cases {
		d := newLocalDay(mustCivil(t, c.date), mustZone(t, c.zone))
		b := d.bounds()
		if got := (b.to - b.from) / 3600; got != c.hours {
			t.Errorf("%s %s: %d hours, want %d", c.zone, c.date, got, c.hours)
		}
		if first := time.Unix(b.from, 0).In(mustZone(t, c.zone)); first.Format("2006-01-02 15:04") != c.date+" 00:00" {
			t.Errorf("%s %s starts at %s", c.zone, c.date, first)
		}
	}
}

// TestGridAcrossDST: the grid skips the missing hour, keeps both passes of the
// repeated hour once each, and every grid time is on the lead's OnGrid.
func TestGridAcrossDST(t *testing.T) {
	for _, zone := range []string{"Europe/Warsaw", "Europe/Stockholm"} {
		loc := mustZone(t, zone)
		spring := newLocalDay(mustCivil(t, "2026-03-29"), loc).grid(15*60, nil)
		if len(spring) != 23*4 {
			t.Errorf("%s spring: %d grid times, want %d", zone, len(spring), 23*4)
		}
		for _, g := range spring {
			if h := time.Unix(g, 0).In(loc).Hour(); h == 2 {
				t.Errorf("%s spring: grid time in the missing hour: %s", zone, time.Unix(g, 0).In(loc))
			}
		}
		autumn := newLocalDay(mustCivil(t, "2026-10-25"), loc).grid(15*60, nil)
		if len(autumn) != 25*4 || !slices.IsSorted(autumn) || len(slices.Compact(slices.Clone(autumn))) != len(autumn) {
			t.Errorf("%s autumn: %d grid times (want %d), sorted and unique", zone, len(autumn), 25*4)
		}
		for _, g := range append(spring, autumn...) {
			if !booking.OnGrid(time.Unix(g, 0), zone, 15*time.Minute) {
				t.Errorf("%s: %s is not on the grid", zone, time.Unix(g, 0).In(loc))
			}
		}
	}
}

// TestWallSpansAcrossDST: working 01:00–05:00 is 3 real hours in spring and 5 in autumn.
func TestWallSpansAcrossDST(t *testing.T) {
	loc := mustZone(t, "Europe/Warsaw")
	total := func(date string) int64 {
		var n int64
		for _, s := range newLocalDay(mustCivil(t, date), loc).wallSpans(3600, 5*3600, nil) {
			n += s.to - s.from
		}
		return n / 3600
	}
	if s, a, o := total("2026-03-29"), total("2026-10-25"), total("2026-06-01"); s != 3 || a != 5 || o != 4 {
		t.Fatalf("01:00–05:00 lasts %d h in spring, %d h in autumn, %d h in June; want 3, 5, 4", s, a, o)
	}
}

func TestSpanSweeps(t *testing.T) {
	a := normalize([]span{{10, 20}, {0, 5}, {5, 7}, {30, 40}, {15, 25}})
	if want := []span{{0, 7}, {10, 25}, {30, 40}}; !slices.Equal(a, want) {
		t.Fatalf("normalize = %v, want %v", a, want)
	}
	if got, want := subtract(a, []span{{3, 12}, {35, 36}}), []span{{0, 3}, {12, 25}, {30, 35}, {36, 40}}; !slices.Equal(got, want) {
		t.Fatalf("subtract = %v, want %v", got, want)
	}
	if got, want := intersect(a, []span{{6, 11}, {24, 31}}), []span{{6, 7}, {10, 11}, {24, 25}, {30, 31}}; !slices.Equal(got, want) {
		t.Fatalf("intersect = %v, want %v", got, want)
	}
	// A 10-second visit fits a 15-second window at 6 starts; busy [20, 30) blocks starts 11..29.
	if got, want := startsWithin([]span{{0, 15}, {20, 25}}, 10), []span{{0, 6}}; !slices.Equal(got, want) {
		t.Fatalf("startsWithin = %v, want %v", got, want)
	}
	if got, want := startsBlockedBy([]span{{20, 30}}, 10), []span{{11, 30}}; !slices.Equal(got, want) {
		t.Fatalf("startsBlockedBy = %v, want %v", got, want)
	}
}

func TestRulesCheckStart(t *testing.T) {
	r := booking.DefaultRules()
	now := time.Date(2026, 5, 4, 8, 0, 0, 0, time.UTC) // 10:00 in Warsaw
	cases := map[string]error{
		"2026-05-04T12:00:00+02:00": nil,
		"2026-05-04T11:00:00+02:00": booking.ErrTooSoon,
		"2026-05-04T12:05:00+02:00": booking.ErrNotOnGrid,
		"2026-07-03T23:45:00+02:00": nil,
		"2026-07-04T00:00:00+02:00": booking.ErrTooFar,
	}
	for s, want := range cases {
		start, _ := time.Parse(time.RFC3339, s)
		if got := r.CheckStart(start, now, "Europe/Warsaw"); got != want {
			t.Errorf("%s: %v, want %v", s, got, want)
		}
	}
}

func TestEpochScan(t *testing.T) {
	cases := []struct {
		src        any
		floor, top int64
	}{
		{"2026-05-04 07:00:00+00:00", 1777878000, 1777878000},
		{"2026-05-04 07:00:00.25+00:00", 1777878000, 1777878001},
		{"2026-05-04 09:00:00.000001+02:00", 1777878000, 1777878001},
		{"2026-05-04T07:00:00Z", 1777878000, 1777878000},
		{[]byte("2026-05-04 07:00:00+00:00"), 1777878000, 1777878000},
		{time.Date(2026, 5, 4, 7, 0, 0, 1000, time.UTC), 1777878000, 1777878001},
	}
	for _, c := range cases {
		lo, hi := epochScan{}, epochScan{ceil: true}
		if err := lo.Scan(c.src); err != nil || lo.sec != c.floor {
			t.Errorf("%v: floor %d, %v", c.src, lo.sec, err)
		}
		if err := hi.Scan(c.src); err != nil || hi.sec != c.top {
			t.Errorf("%v: ceil %d, %v", c.src, hi.sec, err)
		}
	}
	var e epochScan
	if e.Scan("yesterday") == nil || e.Scan(42) == nil {
		t.Error("garbage read as an instant")
	}
}
