package purchasing_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/inventory/purchasing"
)

// TestSuggestedOrdersRoundToPacksBySupplier: every item at or below its reorder point
// is ordered up to par less on hand and on order, in whole packs, from its preferred
// supplier or else the cheapest; unsold items are listed apart; a draft made from the
// suggestion takes its lines and covers them the next time.
func TestSuggestedOrdersRoundToPacksBySupplier(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		gloves := k.item("GL-M", "Rękawiczki M", 100, 500, 200, 150, false) // 350 short → 4 packs
		carpules := k.item("AR-4", "Artykaina", 50, 300, 100, 100, false)   // at the reorder point: 200 → 4 packs
		k.item("CW-1", "Wata", 10, 100, 20, 50, false)                      // above the reorder point
		masks := k.item("MS-1", "Maseczki", 50, 200, 50, 0, false)          // nobody sells them
		composite := k.item("CP-A2", "Kompozyt A2", 1, 5, 2, 1, false)      // 4 short, 2 on order → 2
		k.sells(gloves, offer(k.dental, "DH-100", 2500, true), offer(k.cheap, "TD-9", 2000, false))
		k.sells(carpules, offer(k.dental, "DH-AR", 9000, false), offer(k.cheap, "TD-AR", 8000, false))
		k.sells(composite, offer(k.dental, "DH-CP", 12000, false))
		k.sent(k.dental, line(composite, 2))

		sg := k.suggest()
		if len(sg.Orders) != 2 || len(sg.Unsourced) != 1 || sg.Unsourced[0].ItemID != masks.ID || sg.Unsourced[0].Packs != 4 {
			t.Fatalf("suggestion %+v", sg)
		}
		dental, cheap := sg.Orders[0], sg.Orders[1]
		if dental.SupplierID != k.dental.ID {
			dental, cheap = cheap, dental
		}
		checkLine(t, dental.Lines[0], composite.ID, 2, 2, 12000, "DH-CP") // by name: Kompozyt, Rękawiczki
		checkLine(t, dental.Lines[1], gloves.ID, 350, 4, 2500, "DH-100")
		checkLine(t, cheap.Lines[0], carpules.ID, 200, 4, 8000, "TD-AR")
		if len(dental.Lines) != 2 || len(cheap.Lines) != 1 || dental.TotalMinor != 4*2500+2*12000 ||
			dental.Lines[1].ItemName != "Rękawiczki M (PL)" || dental.Lines[0].OnOrder != 2 || dental.LocationID != k.store.ID {
			t.Errorf("dental %+v, cheap %+v", dental, cheap)
		}

		var o purchasing.Order
		k.do(http.MethodPost, "/api/v1/purchase-orders", map[string]any{"branch_id": k.branch.ID, "supplier_id": k.dental.ID,
			"location_id": k.store.ID, "from_suggestion": true}, http.StatusCreated, &o)
		if o.Status != purchasing.Draft || len(o.Lines) != 2 || o.TotalMinor != dental.TotalMinor || o.Currency != "PLN" ||
			o.Lines[0].CatalogueNumber != "DH-CP" && o.Lines[0].CatalogueNumber != "DH-100" {
			t.Errorf("draft from the suggestion %+v", o)
		}
		if again := k.suggest(); len(again.Orders) != 1 || again.Orders[0].SupplierID != k.cheap.ID {
			t.Errorf("a drafted suggestion is suggested again: %+v", again)
		}
		k.do(http.MethodPost, "/api/v1/purchase-orders", map[string]any{"branch_id": k.branch.ID, "supplier_id": k.dental.ID,
			"location_id": k.store.ID, "from_suggestion": true}, http.StatusUnprocessableEntity, nil)
	})
}

func checkLine(t *testing.T, l purchasing.SuggestedLine, item string, units int64, packs int, price int64, catalogue string) {
	t.Helper()
	if l.ItemID != item || l.Units != units || l.Packs != packs || l.PackPriceMinor != price || l.CatalogueNumber != catalogue {
		t.Errorf("line %+v, want item %s %d units in %d packs at %d (%s)", l, item, units, packs, price, catalogue)
	}
}

func (k *kit) suggest() purchasing.Suggestion {
	k.t.Helper()
	var sg purchasing.Suggestion
	k.do(http.MethodGet, "/api/v1/inventory/suggested-orders?branch_id="+k.branch.ID, nil, http.StatusOK, &sg)
	return sg
}
