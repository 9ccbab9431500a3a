package inventory_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// A receipt, a transfer, waste and a reversal keep stock equal to the ledger; a
// reversal is itself final, and the database refuses to edit or delete a move.
func TestTheLedgerMovesStockAndKeepsEveryMove(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		gloves := k.item("Gloves M", map[string]any{"category": "household", "pack_size": 100, "board": "front_desk"})
		in := k.receive(k.storage, gloves, 300, "", "")
		tr := k.record(map[string]any{"item_id": gloves, "lot_id": in.LotID, "from_location_id": k.storage,
			"to_location_id": k.operatory, "quantity": 120, "reason": "transfer"}, http.StatusCreated)
		waste := k.record(map[string]any{"item_id": gloves, "lot_id": in.LotID, "from_location_id": k.operatory,
			"quantity": 20, "reason": "waste", "note": "torn box"}, http.StatusCreated)
		if s, o := sum(k.onHand(k.storage, gloves)), sum(k.onHand(k.operatory, gloves)); s != 180 || o != 100 {
			t.Fatalf("storage %d operatory %d, want 180 and 100", s, o)
		}
		// The transfer cannot be undone while 20 of its 120 are gone: the reversal would
		// take the operatory below zero.
		k.reverse(tr.ID, http.StatusConflict, "insufficient_stock")
		wasteBack := k.reverse(waste.ID, http.StatusCreated, "")
		k.reverse(tr.ID, http.StatusCreated, "")
		if s, o := sum(k.onHand(k.storage, gloves)), sum(k.onHand(k.operatory, gloves)); s != 300 || o != 0 {
			t.Fatalf("after both reversals: storage %d operatory %d, want 300 and 0", s, o)
		}
		k.reverse(tr.ID, http.StatusConflict, "already_reversed")
		k.reverse(wasteBack, http.StatusConflict, "reversal_not_reversible")
		for _, stmt := range []string{"UPDATE stock_moves SET quantity = 1", "DELETE FROM stock_moves"} {
			if _, err := d.W.ExecContext(context.Background(), stmt); err == nil {
				t.Fatalf("%s: the ledger accepted it", stmt)
			}
		}
	})
}

// reverse asks to reverse a move and returns the reversing move's id.
func (k *kit) reverse(id string, status int, code string) string {
	k.t.Helper()
	r := k.nurse.Do(http.MethodPost, "/api/v1/inventory/moves/"+id+"/reverse", map[string]string{"note": "mistake"})
	bookingtest.ExpectStatus(k.t, r, status, code)
	var m move
	if status == http.StatusCreated {
		r.Decode(k.t, &m)
	}
	return m.ID
}

func (k *kit) record(body map[string]any, status int) move {
	k.t.Helper()
	r := k.nurse.Do(http.MethodPost, "/api/v1/inventory/moves", body)
	if r.Status != status {
		k.t.Fatalf("move %v: %d %s", body, r.Status, r.Body)
	}
	var m move
	if status == http.StatusCreated {
		r.Decode(k.t, &m)
	}
	return m
}

// The last 10 units taken by 100 requests at once: exactly 10 succeed, the rest are
// 409 insufficient_stock naming the item, and stock ends at zero, never below.
func TestParallelConsumptionsNeverTakeStockBelowZero(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		carpules := k.item("Articaine 4%", map[string]any{"category": "medication", "unit": "carpule", "pack_size": 50,
			"lot_tracked": true, "expiry_tracked": true})
		lot := k.receive(k.operatory, carpules, 10, "A123", "2030-01-31").LotID
		var (
			wg     sync.WaitGroup
			mu     sync.Mutex
			status = map[int]int{}
			start  = make(chan struct{})
		)
		for range 100 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				r := k.nurse.Do(http.MethodPost, "/api/v1/inventory/moves", map[string]any{"item_id": carpules, "lot_id": lot,
					"from_location_id": k.operatory, "quantity": 1, "reason": "consumption"})
				mu.Lock()
				defer mu.Unlock()
				status[r.Status]++
				if r.Status == http.StatusConflict && r.Problem(t).Code != "insufficient_stock" {
					status[-1]++
				}
			}()
		}
		close(start)
		wg.Wait()
		if status[http.StatusCreated] != 10 || status[http.StatusConflict] != 90 || status[-1] != 0 {
			t.Fatalf("answers: %v", status)
		}
		if got := sum(k.onHand(k.operatory, carpules)); got != 0 {
			t.Fatalf("stock %d, want 0", got)
		}
		var moves int
		if err := d.R.Get(&moves, d.R.Rebind("SELECT COUNT(*) FROM stock_moves WHERE reason = 'consumption'")); err != nil || moves != 10 {
			t.Fatalf("consumption moves: %d (%v), want 10", moves, err)
		}
	})
}

// Transfers each way between two rooms at once queue behind each other: none fails,
// none deadlocks, and the rooms end as they began.
func TestOppositeTransfersAtOnceNeitherDeadlockNorLoseStock(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		masks := k.item("Masks", map[string]any{"category": "household", "pack_size": 50})
		lot := k.receive(k.storage, masks, 100, "", "").LotID
		k.receive(k.operatory, masks, 100, "", "")
		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			bad   []int
			start = make(chan struct{})
		)
		for i := range 40 {
			from, to := k.storage, k.operatory
			if i%2 == 1 {
				from, to = to, from
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				r := k.nurse.Do(http.MethodPost, "/api/v1/inventory/moves", map[string]any{"item_id": masks, "lot_id": lot,
					"from_location_id": from, "to_location_id": to, "quantity": 1, "reason": "transfer"})
				if r.Status != http.StatusCreated {
					mu.Lock()
					bad = append(bad, r.Status)
					mu.Unlock()
				}
			}()
		}
		close(start)
		wg.Wait()
		if len(bad) > 0 {
			t.Fatalf("refused transfers: %v", bad)
		}
		if s, o := sum(k.onHand(k.storage, masks)), sum(k.onHand(k.operatory, masks)); s != 100 || o != 100 {
			t.Fatalf("storage %d operatory %d, want 100 each", s, o)
		}
	})
}
