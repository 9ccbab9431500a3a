package purchasing_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/inventory/purchasing"
)

// refusal is a request that must be refused with status, naming field ("" for an
// answer about the order rather than a field).
type refusal struct {
	name, method, path string
	body               any
	status             int
	field              string
}

// TestBadInputIsRefusedNamingTheField sends every kind of bad order and receipt: each
// is a 4xx naming the field, and none changes the order, its lines or the stock.
func TestBadInputIsRefusedNamingTheField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		tracked := k.item("AN-1", "Ubistesin", 10, 60, 20, 0, true)
		plain := k.item("GL-S", "Rękawiczki S", 100, 300, 50, 0, false)
		unsold := k.item("MS-1", "Maseczki", 50, 200, 50, 0, false)
		k.sells(tracked, offer(k.dental, "DH-UB", 15000, true))
		k.sells(plain, offer(k.dental, "DH-GS", 2500, true))
		_, other := k.otherBranch()
		draft := k.order(k.dental, line(plain, 1))
		o := k.sent(k.dental, line(tracked, 2), line(plain, 1))
		an, gl := lineFor(o, tracked).ID, lineFor(o, plain).ID
		otherLot := k.lotOf(plain)
		create := func(change map[string]any) map[string]any {
			body := map[string]any{"branch_id": k.branch.ID, "supplier_id": k.dental.ID, "location_id": k.store.ID,
				"lines": []map[string]any{line(plain, 1)}}
			for key, v := range change {
				body[key] = v
			}
			return body
		}
		one := func(l map[string]any) map[string]any { return map[string]any{"lines": []map[string]any{l}} }
		receipts := "/api/v1/purchase-orders/" + o.ID + "/receipts"
		cases := []refusal{
			{"negative packs", "POST", "/api/v1/purchase-orders", create(map[string]any{"lines": []map[string]any{line(plain, -2)}}), 400, "lines[0].packs"},
			{"zero packs", "POST", "/api/v1/purchase-orders", create(map[string]any{"lines": []map[string]any{line(plain, 0)}}), 400, "lines[0].packs"},
			{"negative price", "POST", "/api/v1/purchase-orders", create(map[string]any{"lines": []map[string]any{{"item_id": plain.ID, "packs": 1, "pack_price_minor": -1}}}), 400, "lines[0].pack_price_minor"},
			{"unknown item", "POST", "/api/v1/purchase-orders", create(map[string]any{"lines": []map[string]any{{"item_id": uuid.NewString(), "packs": 1}}}), 400, "lines[0].item_id"},
			{"item twice", "POST", "/api/v1/purchase-orders", create(map[string]any{"lines": []map[string]any{line(plain, 1), line(plain, 2)}}), 400, "lines[1].item_id"},
			{"no price for an item the supplier does not sell", "POST", "/api/v1/purchase-orders", create(map[string]any{"lines": []map[string]any{line(unsold, 1)}}), 400, "lines[0].pack_price_minor"},
			{"no lines", "POST", "/api/v1/purchase-orders", create(map[string]any{"lines": []map[string]any{}}), 400, "lines"},
			{"lines and the suggestion", "POST", "/api/v1/purchase-orders", create(map[string]any{"from_suggestion": true}), 400, "lines"},
			{"unknown supplier", "POST", "/api/v1/purchase-orders", create(map[string]any{"supplier_id": uuid.NewString()}), 400, "supplier_id"},
			{"another branch's location", "POST", "/api/v1/purchase-orders", create(map[string]any{"location_id": other}), 400, "location_id"},
			{"unknown branch", "POST", "/api/v1/purchase-orders", create(map[string]any{"branch_id": uuid.NewString()}), 400, "branch_id"},
			{"edit a sent order", "PUT", "/api/v1/purchase-orders/" + o.ID, map[string]any{"location_id": k.store.ID, "lines": []map[string]any{line(plain, 5)}}, 409, ""},
			{"edit with no lines", "PUT", "/api/v1/purchase-orders/" + draft.ID, map[string]any{"location_id": k.store.ID, "lines": []map[string]any{}}, 400, "lines"},
			{"send twice", "POST", "/api/v1/purchase-orders/" + o.ID + "/send", nil, 409, ""},
			{"receive a draft", "POST", "/api/v1/purchase-orders/" + draft.ID + "/receipts", one(map[string]any{"line_id": lineFor(draft, plain).ID, "quantity": 1}), 409, ""},
			{"negative quantity", "POST", receipts, one(map[string]any{"line_id": gl, "quantity": -5}), 400, "lines[0].quantity"},
			{"zero quantity", "POST", receipts, one(map[string]any{"line_id": gl, "quantity": 0}), 400, "lines[0].quantity"},
			{"no lines received", "POST", receipts, map[string]any{"lines": []map[string]any{}}, 400, "lines"},
			{"unknown order line", "POST", receipts, one(map[string]any{"line_id": lineFor(draft, plain).ID, "quantity": 1}), 400, "lines[0].line_id"},
			{"unknown lot", "POST", receipts, one(map[string]any{"line_id": gl, "quantity": 1, "lot_id": uuid.NewString()}), 400, "lines[0].lot_id"},
			{"another item's lot", "POST", receipts, one(map[string]any{"line_id": an, "quantity": 1, "lot_id": otherLot}), 400, "lines[0].lot_id"},
			{"a lot and a lot number", "POST", receipts, one(map[string]any{"line_id": gl, "quantity": 1, "lot_id": otherLot, "lot_number": "X"}), 400, "lines[0].lot_id"},
			{"no expiry where tracked", "POST", receipts, one(map[string]any{"line_id": an, "quantity": 1, "lot_number": "UB-1"}), 400, "lines[0].expires_on"},
			{"no lot number where tracked", "POST", receipts, one(map[string]any{"line_id": an, "quantity": 1, "expires_on": "2027-01-31"}), 400, "lines[0].lot_number"},
			{"expiry not a date", "POST", receipts, one(map[string]any{"line_id": an, "quantity": 1, "lot_number": "UB-1", "expires_on": "31.01.2027"}), 400, "lines[0].expires_on"},
			{"more than ordered", "POST", receipts, one(map[string]any{"line_id": gl, "quantity": 101}), 409, "lines[0].quantity"},
			{"more than ordered across lots", "POST", receipts, map[string]any{"lines": []map[string]any{
				{"line_id": an, "quantity": 15, "lot_number": "UB-1", "expires_on": "2027-01-31"},
				{"line_id": an, "quantity": 6, "lot_number": "UB-2", "expires_on": "2027-02-28"}}}, 409, "lines[1].quantity"},
			{"suggestion without a branch", "GET", "/api/v1/inventory/suggested-orders", nil, 400, "branch_id"},
			{"list of a bad status", "GET", "/api/v1/purchase-orders?status=lost", nil, 400, "status"},
			{"list of a bad branch", "GET", "/api/v1/purchase-orders?branch_id=nope", nil, 400, "branch_id"},
			{"list with a forged cursor", "GET", "/api/v1/purchase-orders?cursor=abc", nil, 400, "cursor"},
		}
		for _, c := range cases {
			r := k.nurse.Do(c.method, c.path, c.body)
			if r.Status != c.status || c.field != "" && !names(r.Problem(t), c.field) {
				t.Errorf("%s: %d %s, want %d naming %q", c.name, r.Status, r.Body, c.status, c.field)
			}
		}
		var got purchasing.Order
		k.do(http.MethodGet, "/api/v1/purchase-orders/"+o.ID, nil, http.StatusOK, &got)
		if got.Status != purchasing.Sent || got.Lines[0].ReceivedUnits+got.Lines[1].ReceivedUnits != 0 ||
			k.onHand(tracked) != 0 || k.onHand(plain) != 5 {
			t.Errorf("refusals changed things: %+v, on hand %d and %d", got, k.onHand(tracked), k.onHand(plain))
		}
	})
}

// otherBranch is another branch and its storeroom.
func (k *kit) otherBranch() (branchID, locationID string) {
	k.t.Helper()
	b, err := k.env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: "Mokotów", Address: "ul. Puławska 1",
		Phone: "+48227654321", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: clinic.OpeningHours{}})
	if err != nil {
		k.t.Fatal(err)
	}
	l, err := k.env.Inventory.CreateLocation(context.Background(), inventory.Location{BranchID: b.ID, Name: "Magazyn", Kind: "storage"})
	if err != nil {
		k.t.Fatal(err)
	}
	return b.ID, l.ID
}

// lotOf stocks 5 units of an item by hand and returns their lot.
func (k *kit) lotOf(it inventory.Item) string {
	k.t.Helper()
	k.stock(it, 5)
	return k.lots(it)[0].LotID
}

// TestOnlyPurchasingRolesOfTheBranchSeeOrders: doctors may not order; a nurse of
// another branch sees neither the order nor the branch's suggestion.
func TestOnlyPurchasingRolesOfTheBranchSeeOrders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		plain := k.item("GL-S", "Rękawiczki S", 100, 300, 50, 0, false)
		k.sells(plain, offer(k.dental, "DH-GS", 2500, true))
		o := k.order(k.dental, line(plain, 1))
		if r := k.env.As(actor.Doctor).Do(http.MethodGet, "/api/v1/purchase-orders/"+o.ID, nil); r.Status != http.StatusForbidden {
			t.Errorf("doctor: %d", r.Status)
		}
		elsewhere, _ := k.otherBranch()
		stranger := k.env.SignIn(actor.Nurse, elsewhere)
		if r := stranger.Do(http.MethodGet, "/api/v1/purchase-orders/"+o.ID, nil); r.Status != http.StatusNotFound {
			t.Errorf("another branch's nurse: %d", r.Status)
		}
		if r := stranger.Do(http.MethodGet, "/api/v1/inventory/suggested-orders?branch_id="+k.branch.ID, nil); r.Status != http.StatusBadRequest {
			t.Errorf("another branch's suggestion: %d", r.Status)
		}
		var page struct {
			Items []purchasing.Order `json:"items"`
		}
		stranger.Do(http.MethodGet, "/api/v1/purchase-orders", nil).Decode(t, &page)
		if len(page.Items) != 0 {
			t.Errorf("another branch's nurse lists %d orders", len(page.Items))
		}
	})
}
