package inventory_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Every bad input is a 4xx naming the field, and nothing is stored: the ledger has as
// many moves after the refusals as before.
func TestBadInputIsRefusedNamingTheFieldAndStoresNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		tracked := k.item("Implant 4.0x10", map[string]any{"category": "dental_material", "pack_size": 1,
			"lot_tracked": true, "expiry_tracked": true})
		old := k.item("Old cement", nil)
		lot := k.receive(k.storage, tracked, 2, "IMP1", "2030-01-01").LotID
		put := k.nurse.Do(http.MethodPut, "/api/v1/inventory/items/"+old, map[string]any{"sku": "Old cement",
			"name": "Old cement", "category": "dental_material", "unit": "piece", "pack_unit": "box", "pack_size": 10,
			"board": "head_nurse", "active": false})
		if put.Status != http.StatusOK {
			t.Fatalf("deactivate: %d %s", put.Status, put.Body)
		}
		line := func(extra map[string]any) map[string]any {
			l := map[string]any{"item_id": tracked, "quantity": 1, "lot_number": "IMP2", "expires_on": "2031-01-01"}
			for key, v := range extra {
				l[key] = v
			}
			return map[string]any{"location_id": k.storage, "lines": []map[string]any{l}}
		}
		cases := []struct {
			method, path string
			body         any
			status       int
			field        string
		}{
			{"POST", "/api/v1/inventory/items", map[string]any{"sku": "x", "name": "x", "category": "food", "unit": "u",
				"pack_unit": "p", "pack_size": 1, "board": "head_nurse"}, 400, "category"},
			{"POST", "/api/v1/inventory/items", map[string]any{"sku": "Old cement", "name": "x", "category": "household",
				"unit": "u", "pack_unit": "p", "pack_size": 1, "board": "front_desk"}, 400, "sku"},
			{"POST", "/api/v1/inventory/receipts", line(map[string]any{"quantity": -3}), 400, "lines[0].quantity"},
			{"POST", "/api/v1/inventory/receipts", line(map[string]any{"item_id": uuid.NewString()}), 400, "lines[0].item_id"},
			{"POST", "/api/v1/inventory/receipts", line(map[string]any{"item_id": old}), 400, "lines[0].item_id"},
			{"POST", "/api/v1/inventory/receipts", line(map[string]any{"expires_on": nil}), 400, "lines[0].expires_on"},
			{"POST", "/api/v1/inventory/receipts", line(map[string]any{"lot_number": ""}), 400, "lines[0].lot_number"},
			{"POST", "/api/v1/inventory/receipts", map[string]any{"location_id": uuid.NewString(), "lines": []map[string]any{
				{"item_id": tracked, "quantity": 1, "lot_number": "A", "expires_on": "2031-01-01"}}}, 400, "location_id"},
			{"POST", "/api/v1/inventory/receipts", map[string]any{"location_id": k.storage, "lines": []map[string]any{
				{"item_id": tracked, "quantity": 1, "lot_number": "OK1", "expires_on": "2031-01-01"},
				{"item_id": tracked, "quantity": 1, "lot_number": "OK2"}}}, 400, "lines[1].expires_on"},
			{"POST", "/api/v1/inventory/moves", map[string]any{"item_id": tracked, "lot_id": uuid.NewString(),
				"from_location_id": k.storage, "quantity": 1, "reason": "waste"}, 400, "lot_id"},
			{"POST", "/api/v1/inventory/moves", map[string]any{"item_id": tracked, "lot_id": lot,
				"from_location_id": k.storage, "quantity": 1, "reason": "transfer"}, 400, "to_location_id"},
			{"POST", "/api/v1/inventory/moves", map[string]any{"item_id": tracked, "lot_id": lot,
				"from_location_id": k.storage, "quantity": -1, "reason": "waste"}, 400, "quantity"},
			{"POST", "/api/v1/inventory/moves", map[string]any{"item_id": tracked, "lot_id": lot,
				"from_location_id": k.storage, "quantity": 3, "reason": "waste"}, 409, "quantity"},
			{"PUT", "/api/v1/inventory/items/" + tracked + "/levels", map[string]any{"location_id": k.storage,
				"par_level": 10, "reorder_point": 2, "critical_level": 5}, 400, "reorder_point"},
			{"PUT", "/api/v1/inventory/services/" + k.f.Checkup.ID + "/materials", map[string]any{"materials": []map[string]any{
				{"item_id": tracked, "quantity": 1}, {"item_id": old, "quantity": 1}}}, 400, "materials[1].item_id"},
			{"PUT", "/api/v1/inventory/services/" + k.f.Checkup.ID + "/materials", map[string]any{"materials": []map[string]any{
				{"item_id": tracked, "quantity": 0}}}, 400, "materials[0].quantity"},
			{"GET", "/api/v1/inventory/expiring?branch_id=" + k.f.Branch.ID + "&within=soon", nil, 400, "within"},
			{"GET", "/api/v1/inventory/summary?branch_id=" + k.f.Branch.ID, nil, 400, "board"},
			{"GET", "/api/v1/inventory/moves?branch_id=" + k.f.Branch.ID + "&cursor=x", nil, 400, "cursor"},
			{"GET", "/api/v1/inventory/lots/" + uuid.NewString() + "/patients", nil, 404, ""},
		}
		before := k.moveCount(d)
		for _, c := range cases {
			r := k.nurse.Do(c.method, c.path, c.body)
			if r.Status != c.status {
				t.Errorf("%s %s %v: %d %s, want %d", c.method, c.path, c.body, r.Status, r.Body, c.status)
				continue
			}
			if p := r.Problem(t); c.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != c.field) {
				t.Errorf("%s %s: fields %+v, want %s", c.method, c.path, p.Errors, c.field)
			}
		}
		if after := k.moveCount(d); after != before {
			t.Fatalf("refused requests stored moves: %d → %d", before, after)
		}
	})
}

func (k *kit) moveCount(d *db.DB) int {
	k.t.Helper()
	var n int
	if err := d.R.Get(&n, "SELECT COUNT(*) FROM stock_moves"); err != nil {
		k.t.Fatal(err)
	}
	return n
}

// What names another branch's rows, or rows that do not exist, is refused naming the
// field before anything reaches the database; another branch's move is not there to
// reverse for a nurse of this one.
func TestReferencesAreCheckedAndBranchesKeptApart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		owner := k.owner
		gauze := k.item("Gauze", nil)
		lot := k.receive(k.storage, gauze, 5, "", "").LotID
		other := bookingtest.Must(k.f.Env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: "Mokotów",
			Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN"}))(t)
		otherChair := bookingtest.Must(k.f.Env.Clinic.CreateChair(context.Background(), clinic.ChairInput{BranchID: other.ID,
			Name: "Chair A", Capabilities: []string{"general"}}))(t)
		cases := []struct {
			method, path string
			body         any
			field        string
		}{
			{"POST", "/api/v1/inventory/moves", map[string]any{"item_id": gauze, "lot_id": lot, "from_location_id": k.storage,
				"quantity": 1, "reason": "consumption", "appointment_id": uuid.NewString()}, "appointment_id"},
			{"POST", "/api/v1/inventory/locations", map[string]any{"branch_id": uuid.NewString(), "name": "X", "kind": "other"}, "branch_id"},
			{"POST", "/api/v1/inventory/locations", map[string]any{"branch_id": k.f.Branch.ID, "name": "X", "kind": "operatory",
				"chair_id": otherChair.ID}, "chair_id"},
			{"PUT", "/api/v1/inventory/items/" + gauze + "/suppliers", map[string]any{"suppliers": []map[string]any{
				{"supplier_id": uuid.NewString(), "currency": "PLN", "preferred": true},
				{"supplier_id": uuid.NewString(), "currency": "PLN", "preferred": true}}}, "suppliers"},
			{"PUT", "/api/v1/inventory/boards", map[string]any{"branch_id": uuid.NewString(), "board": "head_nurse",
				"staff_id": uuid.NewString()}, "branch_id"},
		}
		before := k.moveCount(d)
		for _, c := range cases {
			r := owner.Do(c.method, c.path, c.body)
			if r.Status != http.StatusBadRequest || r.Problem(t).Errors[0].Field != c.field {
				t.Errorf("%s %s: %d %s, want 400 naming %s", c.method, c.path, r.Status, r.Body, c.field)
			}
		}
		if after := k.moveCount(d); after != before {
			t.Fatalf("refused requests stored moves: %d → %d", before, after)
		}
		theirs := owner.Do(http.MethodPost, "/api/v1/inventory/locations", map[string]any{"branch_id": other.ID,
			"name": "Their storage", "kind": "storage"})
		var out struct {
			Moves []move `json:"moves"`
		}
		owner.Do(http.MethodPost, "/api/v1/inventory/receipts", map[string]any{"location_id": k.id(theirs),
			"lines": []map[string]any{{"item_id": gauze, "quantity": 3}}}).Decode(t, &out)
		bookingtest.ExpectStatus(t, k.nurse.Do(http.MethodPost, "/api/v1/inventory/moves/"+out.Moves[0].ID+"/reverse", nil),
			http.StatusNotFound, "move_not_found")
		r := owner.Do(http.MethodPost, "/api/v1/inventory/locations", map[string]any{"branch_id": k.f.Branch.ID,
			"name": "Shelf", "kind": "shelf", "parent_id": out.Moves[0].To})
		if r.Status != http.StatusBadRequest || r.Problem(t).Errors[0].Field != "parent_id" {
			t.Fatalf("a parent in another branch: %d %s", r.Status, r.Body)
		}
	})
}
