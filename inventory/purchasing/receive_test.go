package purchasing_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/inventory/purchasing"
)

// receipt is the answer to a delivery.
type receipt struct {
	Order purchasing.Order `json:"order"`
	Moves []inventory.Move `json:"moves"`
}

func (k *kit) receive(o purchasing.Order, status int, lines ...map[string]any) receipt {
	k.t.Helper()
	var r receipt
	k.do(http.MethodPost, "/api/v1/purchase-orders/"+o.ID+"/receipts", map[string]any{"lines": lines}, status, &r)
	return r
}

func lineFor(o purchasing.Order, it inventory.Item) purchasing.OrderLine {
	for _, l := range o.Lines {
		if l.ItemID == it.ID {
			return l
		}
	}
	return purchasing.OrderLine{}
}

// TestPartialReceiptMovesLotsAndExpiry receives an order in two deliveries, one line
// in two lots: each arrives as a receipt move of its lot into the order's location,
// the order is partly received, then received; the stock is what arrived.
func TestPartialReceiptMovesLotsAndExpiry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		anaesthetic := k.item("AN-1", "Ubistesin", 10, 60, 20, 0, true)
		gloves := k.item("GL-S", "Rękawiczki S", 100, 300, 50, 0, false)
		k.sells(anaesthetic, offer(k.dental, "DH-UB", 15000, true))
		k.sells(gloves, offer(k.dental, "DH-GS", 2500, true))
		o := k.sent(k.dental, line(anaesthetic, 3), line(gloves, 1))
		an, gl := lineFor(o, anaesthetic), lineFor(o, gloves)

		first := k.receive(o, http.StatusCreated,
			map[string]any{"line_id": an.ID, "quantity": 10, "lot_number": "UB-1", "expires_on": "2027-01-31"},
			map[string]any{"line_id": an.ID, "quantity": 5, "lot_number": "UB-2", "expires_on": "2027-06-30"})
		if first.Order.Status != purchasing.PartlyReceived || lineFor(first.Order, anaesthetic).ReceivedUnits != 15 ||
			len(first.Moves) != 2 || k.onHand(anaesthetic) != 15 {
			t.Fatalf("first delivery: %+v, on hand %d", first, k.onHand(anaesthetic))
		}
		for _, m := range first.Moves {
			if m.Reason != inventory.Receipt || m.SourceKind != inventory.FromOrderLine || m.SourceID != an.ID ||
				m.To == nil || *m.To != k.store.ID || m.From != nil || m.Note != o.Number {
				t.Errorf("move %+v", m)
			}
		}
		lots := k.lots(anaesthetic)
		if len(lots) != 2 || lots[0].LotNumber != "UB-1" || lots[0].ExpiresOn != "2027-01-31" || lots[0].Quantity != 10 ||
			lots[1].LotNumber != "UB-2" || lots[1].Quantity != 5 {
			t.Errorf("lots on hand %+v", lots)
		}
		k.receive(o, http.StatusConflict, map[string]any{"line_id": an.ID, "quantity": 16, "lot_number": "UB-1", "expires_on": "2027-01-31"})
		rest := k.receive(o, http.StatusCreated,
			map[string]any{"line_id": an.ID, "quantity": 15, "lot_id": first.Moves[0].LotID},
			map[string]any{"line_id": gl.ID, "quantity": 100})
		if rest.Order.Status != purchasing.Received || k.onHand(anaesthetic) != 30 || k.onHand(gloves) != 100 {
			t.Errorf("second delivery: %+v, on hand %d and %d", rest.Order, k.onHand(anaesthetic), k.onHand(gloves))
		}
		k.receive(o, http.StatusConflict, map[string]any{"line_id": gl.ID, "quantity": 1})
		if sg := k.suggest(); len(sg.Orders) != 0 {
			t.Errorf("received goods are suggested again: %+v", sg)
		}
	})
}

func (k *kit) lots(it inventory.Item) []inventory.StockRow {
	k.t.Helper()
	rows, err := k.env.Inventory.OnHand(context.Background(), k.db.R, it.ID, k.store.ID)
	if err != nil {
		k.t.Fatal(err)
	}
	return rows
}

// TestParallelReceiptsNeverOverReceive fires more deliveries of one line at once than
// it awaits: exactly those that fit are taken, the rest are refused naming the
// quantity, and the received count, the ledger and the stock agree.
func TestParallelReceiptsNeverOverReceive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		burs := k.item("BR-1", "Wiertła", 1, 10, 2, 0, false)
		k.sells(burs, offer(k.dental, "DH-BR", 3000, true))
		o := k.sent(k.dental, line(burs, 10))
		id := lineFor(o, burs).ID
		const tries = 12
		codes := make([]int, tries)
		var wg sync.WaitGroup
		for i := range tries {
			wg.Go(func() {
				r := k.nurse.Do(http.MethodPost, "/api/v1/purchase-orders/"+o.ID+"/receipts",
					map[string]any{"lines": []map[string]any{{"line_id": id, "quantity": 3}}})
				codes[i] = r.Status
				if r.Status == http.StatusConflict && !names(r.Problem(t), "lines[0].quantity") &&
					r.Problem(t).Code != "purchase_order_not_receivable" {
					t.Errorf("refusal %s", r.Body)
				}
			})
		}
		wg.Wait()
		taken := 0
		for _, c := range codes {
			switch c {
			case http.StatusCreated:
				taken++
			case http.StatusConflict:
			default:
				t.Errorf("answer %d", c)
			}
		}
		var got purchasing.Order
		k.do(http.MethodGet, "/api/v1/purchase-orders/"+o.ID, nil, http.StatusOK, &got)
		if taken != 3 || got.Lines[0].ReceivedUnits != 9 || k.onHand(burs) != 9 || got.Status != purchasing.PartlyReceived {
			t.Errorf("%d deliveries taken, %d units received, %d on hand, %s", taken, got.Lines[0].ReceivedUnits, k.onHand(burs), got.Status)
		}
	})
}
