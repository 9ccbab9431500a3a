package counts_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// A count taken while the clinic works: a visit consumes and a delivery arrives after
// the snapshot. Posting writes only the differences against the snapshot, so what
// moved later is carried over, neither lost nor counted twice; lots nobody counted
// keep their stock.
func TestCountCarriesOverMovesAfterTheSnapshot(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		gloves, composite, floss := k.item("GLOVES-M", false), k.item("COMPOSITE-A2", true), k.item("FLOSS", false)
		g, c1, f := k.lot(gloves, "", ""), k.lot(composite, "L1", "2027-06-30"), k.lot(floss, "", "")
		k.move(gloves, g, 10)
		k.move(composite, c1, 5)
		k.move(floss, f, 3)

		s := k.start()
		if e, c := s.line(t, g); e != 10 || c != nil || s.Uncounted != 3 {
			t.Fatalf("sheet at start: gloves %d %v, uncounted %d", e, c, s.Uncounted)
		}
		k.move(gloves, g, -3)    // a visit uses 3 pairs while the nurse counts
		k.move(composite, c1, 4) // a delivery lands on the shelf counted already

		s = k.do(http.MethodPut, path(s.ID, "/lines"), lines(
			line(gloves.ID, 8, "reason", "torn box"),
			line(composite.ID, 5, "lot_id", c1),
			line(composite.ID, 2, "lot_number", "L2", "expires_on", "2027-09-30", "reason", "found behind the shelf"),
		), http.StatusOK)
		if e, _ := s.line(t, g); e != 10 {
			t.Errorf("gloves expected %d after later moves, want the snapshot's 10", e)
		}
		if s.Uncounted != 1 {
			t.Errorf("uncounted %d, want 1 (floss)", s.Uncounted)
		}

		s = k.do(http.MethodPost, path(s.ID, "/post"), nil, http.StatusOK)
		if s.Status != "posted" || len(s.Moves) != 2 {
			t.Fatalf("posted: %s with moves %+v", s.Status, s.Moves)
		}
		for _, m := range s.Moves {
			out := m.From != nil && *m.From == k.room && m.To == nil && m.Quantity == 2 && m.Note == "torn box"
			in := m.To != nil && *m.To == k.room && m.From == nil && m.Quantity == 2 && m.Note == "found behind the shelf"
			if m.Reason != "count" || m.Source != s.ID || !(out || in) {
				t.Errorf("move %+v", m)
			}
		}
		c2 := k.lot(composite, "L2", "2027-09-30")
		want := map[string]int64{g: 5, c1: 9, c2: 2, f: 3} // 8−3, 5+4, found 2, untouched
		for lot, n := range map[string]int64{g: k.onHand(gloves, g), c1: k.onHand(composite, c1),
			c2: k.onHand(composite, c2), f: k.onHand(floss, f)} {
			if n != want[lot] {
				t.Errorf("lot %s: %d on hand, want %d", lot, n, want[lot])
			}
		}
		again := k.nurse.Do(http.MethodPost, path(s.ID, "/post"), nil)
		refused(t, again, http.StatusConflict, "count_posted")
		if n := k.onHand(gloves, g); n != 5 {
			t.Errorf("gloves after a second post: %d, want 5", n)
		}
		s = k.do(http.MethodGet, path(s.ID), nil, http.StatusOK)
		if e, c := s.line(t, g); e != 10 || c == nil || *c != 8 {
			t.Errorf("posted sheet: gloves expected %d counted %v", e, c)
		}
	})
}
