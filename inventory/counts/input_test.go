package counts_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Every bad line is a 400 naming its field, and nothing of the request is kept.
func TestCountLinesRefuseBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		gloves, composite, floss := k.item("GLOVES-M", false), k.item("COMPOSITE-A2", true), k.item("FLOSS", false)
		g, c1 := k.lot(gloves, "", ""), k.lot(composite, "L1", "2027-06-30")
		k.move(gloves, g, 10)
		s := k.start()
		good := line(gloves.ID, 10)
		for name, c := range map[string]struct {
			body  map[string]any
			field string
		}{
			"negative count":      {lines(good, line(gloves.ID, -1)), "lines[1].counted"},
			"unknown item":        {lines(good, line(uuid.NewString(), 1)), "lines[1].item_id"},
			"unknown lot":         {lines(good, line(composite.ID, 1, "lot_id", uuid.NewString())), "lines[1].lot_id"},
			"another item's lot":  {lines(good, line(floss.ID, 1, "lot_id", c1)), "lines[1].lot_id"},
			"lot number missing":  {lines(good, line(composite.ID, 1, "expires_on", "2027-01-31", "reason", "x")), "lines[1].lot_number"},
			"expiry missing":      {lines(good, line(composite.ID, 1, "lot_number", "L9", "reason", "x")), "lines[1].expires_on"},
			"bad expiry":          {lines(good, line(composite.ID, 1, "lot_number", "L9", "expires_on", "2027-02-30")), "lines[1].expires_on"},
			"id and number":       {lines(good, line(composite.ID, 5, "lot_id", c1, "lot_number", "L1")), "lines[1].lot_id"},
			"lot named twice":     {lines(good, line(gloves.ID, 10, "lot_id", g)), "lines[1]"},
			"difference, no why":  {lines(good, line(floss.ID, 4)), "lines[1].reason"},
			"no lines":            {lines(), "lines"},
			"count missing":       {map[string]any{"lines": []map[string]any{{"item_id": gloves.ID}}}, "lines[0].counted"},
			"fractional count":    {map[string]any{"lines": []map[string]any{{"item_id": gloves.ID, "counted": 1.5}}}, "lines.counted"},
			"not an item id":      {lines(line("gloves", 1)), "lines[0].item_id"},
			"unknown field":       {map[string]any{"lines": []map[string]any{{"item_id": gloves.ID, "counted": 1, "qty": 1}}}, "qty"},
			"reason with a NUL":   {lines(line(floss.ID, 4, "reason", "a\x00b")), "lines[0].reason"},
			"line break in a lot": {lines(line(composite.ID, 1, "lot_number", "L\n1", "expires_on", "2027-01-31", "reason", "x")), "lines[0].lot_number"},
		} {
			t.Run(name, func(t *testing.T) {
				refused(t, k.nurse.Do(http.MethodPut, path(s.ID, "/lines"), c.body), http.StatusBadRequest, c.field)
			})
		}
		after := k.do(http.MethodGet, path(s.ID), nil, http.StatusOK)
		if len(after.Lines) != 1 || after.Lines[0].Counted != nil {
			t.Errorf("refused requests left lines: %+v", after.Lines)
		}
	})
}

// A count's life refuses what its state does not allow, each with its own answer.
func TestCountStatesRefuse(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		gloves := k.item("GLOVES-M", false)
		g := k.lot(gloves, "", "")
		k.move(gloves, g, 10)
		refused(t, k.nurse.Do(http.MethodPost, "/api/v1/inventory/counts", map[string]any{"location_id": uuid.NewString()}),
			http.StatusBadRequest, "location_id")
		refused(t, k.nurse.Do(http.MethodPost, "/api/v1/inventory/counts", map[string]any{}), http.StatusBadRequest, "location_id")
		other := k.location(k.newBranch("Mokotów"), "Elsewhere")
		refused(t, k.nurse.Do(http.MethodPost, "/api/v1/inventory/counts", map[string]any{"location_id": other}),
			http.StatusBadRequest, "location_id")

		s := k.start()
		refused(t, k.nurse.Do(http.MethodPost, "/api/v1/inventory/counts", map[string]any{"location_id": k.room}),
			http.StatusConflict, "count_open")
		refused(t, k.nurse.Do(http.MethodPost, path(s.ID, "/post"), nil), http.StatusConflict, "count_empty")
		refused(t, k.nurse.Do(http.MethodGet, path(uuid.NewString()), nil), http.StatusNotFound, "count_not_found")
		refused(t, k.nurse.Do(http.MethodGet, path("not-an-id"), nil), http.StatusNotFound, "count_not_found")
		stranger := k.env.SignIn(actor.Nurse, k.newBranch("Wola"))
		refused(t, stranger.Do(http.MethodGet, path(s.ID), nil), http.StatusNotFound, "count_not_found")
		refused(t, stranger.Do(http.MethodPost, path(s.ID, "/post"), nil), http.StatusNotFound, "count_not_found")

		k.do(http.MethodPost, path(s.ID, "/cancel"), nil, http.StatusOK)
		refused(t, k.nurse.Do(http.MethodPost, path(s.ID, "/post"), nil), http.StatusConflict, "count_cancelled")
		refused(t, k.nurse.Do(http.MethodPut, path(s.ID, "/lines"), lines(line(gloves.ID, 10))), http.StatusConflict, "count_cancelled")
		refused(t, k.nurse.Do(http.MethodPost, path(s.ID, "/cancel"), nil), http.StatusConflict, "count_cancelled")

		s = k.start() // the cancelled count freed the location
		k.do(http.MethodPut, path(s.ID, "/lines"), lines(line(gloves.ID, 10)), http.StatusOK)
		k.do(http.MethodPost, path(s.ID, "/post"), nil, http.StatusOK)
		refused(t, k.nurse.Do(http.MethodPut, path(s.ID, "/lines"), lines(line(gloves.ID, 9, "reason", "x"))),
			http.StatusConflict, "count_posted")
		refused(t, k.nurse.Do(http.MethodPost, path(s.ID, "/cancel"), nil), http.StatusConflict, "count_posted")

		// Counted 1 of 10, yet visits have since used 8: the shelf cannot give 9 more.
		s = k.start()
		k.move(gloves, g, -8)
		k.do(http.MethodPut, path(s.ID, "/lines"), lines(line(gloves.ID, 1, "reason", "box missing")), http.StatusOK)
		r := k.nurse.Do(http.MethodPost, path(s.ID, "/post"), nil)
		refused(t, r, http.StatusConflict, "insufficient_stock")
		if !strings.Contains(string(r.Body), "GLOVES-M") {
			t.Errorf("the shortfall does not name the item: %s", r.Body)
		}
		if after := k.do(http.MethodGet, path(s.ID), nil, http.StatusOK); after.Status != "open" || k.onHand(gloves, g) != 2 {
			t.Errorf("a refused post changed things: %s, %d on hand", after.Status, k.onHand(gloves, g))
		}
	})
}

// Two nurses post the same count at once: one posts, the other is told it was posted,
// and the difference is written once.
func TestCountPostedOnceInParallel(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		gloves := k.item("GLOVES-M", false)
		g := k.lot(gloves, "", "")
		k.move(gloves, g, 10)
		s := k.start()
		k.do(http.MethodPut, path(s.ID, "/lines"), lines(line(gloves.ID, 7, "reason", "expired")), http.StatusOK)
		var (
			wg       sync.WaitGroup
			mu       sync.Mutex
			statuses = map[int]int{}
			start    = make(chan struct{})
		)
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				r := k.nurse.Do(http.MethodPost, path(s.ID, "/post"), nil)
				mu.Lock()
				statuses[r.Status]++
				mu.Unlock()
			}()
		}
		close(start)
		wg.Wait()
		if statuses[http.StatusOK] != 1 || statuses[http.StatusConflict] != 5 {
			t.Errorf("answers %v, want one 200 and five 409", statuses)
		}
		if n := k.onHand(gloves, g); n != 7 {
			t.Errorf("%d on hand, want 7", n)
		}
	})
}
