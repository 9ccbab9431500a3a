package schedule

import (
	"slices"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// dstCase is a doctor's daily hours on a day in a zone and the slots expected: how
// many, and none of them starting at a wall hour that day does not have.
type dstCase struct {
	zone, date, start, end string
	slots                  int
}

// TestAvailabilityAcrossDST: on the spring-forward day no slot starts in the missing
// hour, on the fall-back day each instant of the repeated hour comes once (told apart
// by the offset), and every slot lasts 30 real minutes; Moscow has no change.
func TestAvailabilityAcrossDST(t *testing.T) {
	var cases []dstCase
	for _, zone := range []string{"Europe/Warsaw", "Europe/Stockholm"} {
		cases = append(cases,
			dstCase{zone, "2026-03-29", "00:00", "24:00", 23 * 4}, // every quarter of 23 hours
			dstCase{zone, "2026-10-25", "00:00", "24:00", 25 * 4},
			dstCase{zone, "2026-03-29", "01:00", "05:00", 3*4 - 1}, // 3 real hours, a 30-minute visit
			dstCase{zone, "2026-10-25", "01:00", "05:00", 5*4 - 1},
		)
	}
	cases = append(cases, dstCase{"Europe/Moscow", "2026-03-29", "00:00", "24:00", 24 * 4},
		dstCase{"Europe/Moscow", "2026-10-25", "01:00", "05:00", 4*4 - 1})
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newSchedWorld(t, d, time.Date(2026, 3, 20, 8, 0, 0, 0, time.UTC))
		for _, c := range cases {
			w.now = at(mustZone(t, c.zone), c.date, 0, 0).AddDate(0, 0, -5)
			b := w.branch(c.zone, everyDay("00:00", "24:00"))
			w.chair(b.ID, "general")
			svc := w.service(30, "general")
			doc := w.doctor([]string{b.ID}, svc.ID)
			w.works(doc, b.ID, c.start, c.end)
			r := w.avail(Query{BranchID: b.ID, ServiceID: svc.ID, From: c.date, Days: 1})
			checkDSTDay(t, c, r.Days[0].Slots)
		}
	})
}

func checkDSTDay(t *testing.T, c dstCase, slots []Slot) {
	t.Helper()
	loc := mustZone(t, c.zone)
	if len(slots) != c.slots {
		t.Errorf("%s %s %s–%s: %d slots, want %d", c.zone, c.date, c.start, c.end, len(slots), c.slots)
	}
	seen := map[int64]bool{}
	for i, s := range slots {
		local := s.Start.In(loc)
		switch {
		case seen[s.Start.Unix()]:
			t.Errorf("%s: %s offered twice", c.zone, s.Start.Format(time.RFC3339))
		case i > 0 && !s.Start.After(slots[i-1].Start):
			t.Errorf("%s: %s out of order", c.zone, s.Start.Format(time.RFC3339))
		case s.End.Sub(s.Start) != 30*time.Minute:
			t.Errorf("%s: %s–%s is not 30 real minutes", c.zone, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339))
		case local.Format(time.DateOnly) != c.date || !booking.OnGrid(s.Start, c.zone, 15*time.Minute):
			t.Errorf("%s: %s is off the day's grid", c.zone, s.Start.Format(time.RFC3339))
		case c.date == "2026-03-29" && c.zone != "Europe/Moscow" && local.Hour() == 2:
			t.Errorf("%s: %s starts in the missing hour", c.zone, s.Start.Format(time.RFC3339))
		}
		seen[s.Start.Unix()] = true
	}
	if c.date == "2026-10-25" && c.zone != "Europe/Moscow" {
		var twice []string
		for _, s := range slots {
			if s.Start.In(loc).Format("15:04") == "02:15" {
				twice = append(twice, s.Start.Format(time.RFC3339))
			}
		}
		if !slices.Equal(twice, []string{"2026-10-25T02:15:00+02:00", "2026-10-25T02:15:00+01:00"}) {
			t.Errorf("%s: the repeated 02:15 is offered as %v", c.zone, twice)
		}
	}
}
