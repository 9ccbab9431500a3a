package purchasing_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/inventory/purchasing"
)

type page struct {
	Items []purchasing.Order `json:"items"`
	Next  string             `json:"next_cursor"`
}

// TestOrdersListNewestFirstInPages walks the list in pages of two, filters it by
// status, and numbers orders one after another within the year; an edited draft keeps
// its number and a cancelled one is no longer open.
func TestOrdersListNewestFirstInPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		plain := k.item("GL-S", "Rękawiczki S", 100, 300, 50, 0, false)
		k.sells(plain, offer(k.dental, "DH-GS", 2500, true))
		var made []purchasing.Order
		for range 3 {
			made = append(made, k.order(k.dental, line(plain, 1)))
			k.env.Clock.Advance(time.Second)
		}
		var edited purchasing.Order
		k.do(http.MethodPut, "/api/v1/purchase-orders/"+made[0].ID, map[string]any{"location_id": k.store.ID, "note": "Pilne",
			"lines": []map[string]any{{"item_id": plain.ID, "packs": 4, "pack_price_minor": 2000}}}, http.StatusOK, &edited)
		if edited.Number != made[0].Number || edited.TotalMinor != 8000 || edited.Note != "Pilne" || len(edited.Lines) != 1 {
			t.Errorf("edited %+v", edited)
		}
		k.do(http.MethodPost, "/api/v1/purchase-orders/"+made[1].ID+"/cancel", nil, http.StatusOK, nil)
		var first, second, drafts page
		k.do(http.MethodGet, "/api/v1/purchase-orders?limit=2&branch_id="+k.branch.ID, nil, http.StatusOK, &first)
		k.do(http.MethodGet, "/api/v1/purchase-orders?limit=2&cursor="+first.Next, nil, http.StatusOK, &second)
		k.do(http.MethodGet, "/api/v1/purchase-orders?status=draft", nil, http.StatusOK, &drafts)
		if len(first.Items) != 2 || first.Next == "" || first.Items[0].ID != made[2].ID || first.Items[1].ID != made[1].ID ||
			len(second.Items) != 1 || second.Items[0].ID != made[0].ID || second.Next != "" || second.Items[0].TotalMinor != 8000 {
			t.Errorf("pages %+v then %+v", first, second)
		}
		if len(drafts.Items) != 2 || first.Items[1].Status != purchasing.Cancelled {
			t.Errorf("drafts %+v", drafts)
		}
		for i, o := range made[1:] {
			if o.Number[len(o.Number)-6:] != []string{"000002", "000003"}[i] {
				t.Errorf("order %d numbered %s", i+2, o.Number)
			}
		}
	})
}
