package inventory_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// kit is the booking test clinic in Warsaw with a head nurse of its branch, a storage
// room, an operatory location for the first general chair and a default clinical
// location, all made through the API.
type kit struct {
	t         testing.TB
	f         *bookingtest.Clinic
	nurse     *apitest.Client
	owner     *apitest.Client
	storage   string
	operatory string
	clinical  string
}

func newKit(t testing.TB, d *db.DB) *kit {
	t.Helper()
	f := bookingtest.NewClinic(t, d)
	k := &kit{t: t, f: f, nurse: f.Env.SignIn(actor.Nurse, f.Branch.ID), owner: f.Env.As(actor.Owner)}
	k.storage = k.location(map[string]any{"name": "Storage room", "kind": "storage"})
	k.operatory = k.location(map[string]any{"name": "Operatory 1", "kind": "operatory", "chair_id": f.General[0].ID,
		"parent_id": nil})
	k.clinical = k.location(map[string]any{"name": "Sterile cabinet", "kind": "storage", "clinical_default": true})
	return k
}

func (k *kit) location(body map[string]any) string {
	k.t.Helper()
	body["branch_id"] = k.f.Branch.ID
	return k.id(k.nurse.Do(http.MethodPost, "/api/v1/inventory/locations", body))
}

// item adds an item; extra fields override the defaults of a piece counted by itself.
func (k *kit) item(name string, extra map[string]any) string {
	k.t.Helper()
	body := map[string]any{"sku": name, "name": name, "category": "dental_material", "unit": "piece",
		"pack_unit": "box", "pack_size": 10, "board": "head_nurse"}
	for key, v := range extra {
		body[key] = v
	}
	return k.id(k.nurse.Do(http.MethodPost, "/api/v1/inventory/items", body))
}

// move is a stock move as the API answers it.
type move struct {
	ID       string  `json:"id"`
	LotID    string  `json:"lot_id"`
	From     *string `json:"from_location_id"`
	To       *string `json:"to_location_id"`
	Quantity int64   `json:"quantity"`
	Reason   string  `json:"reason"`
}

// receive books qty of an item at loc with a lot and expiry, returning the move.
func (k *kit) receive(loc, item string, qty int, lot, expires string) move {
	k.t.Helper()
	var out struct {
		Moves []move `json:"moves"`
	}
	line := map[string]any{"item_id": item, "quantity": qty, "lot_number": lot}
	if expires != "" {
		line["expires_on"] = expires
	}
	r := k.nurse.Do(http.MethodPost, "/api/v1/inventory/receipts", map[string]any{"location_id": loc,
		"lines": []map[string]any{line}})
	if r.Status != http.StatusCreated {
		k.t.Fatalf("receive: %d %s", r.Status, r.Body)
	}
	r.Decode(k.t, &out)
	return out.Moves[0]
}

// stockRow is a row of GET /api/v1/inventory/stock.
type stockRow struct {
	ItemID     string `json:"item_id"`
	LocationID string `json:"location_id"`
	LotID      string `json:"lot_id"`
	LotNumber  string `json:"lot_number"`
	Quantity   int64  `json:"quantity"`
}

// onHand is the item's stock at loc per lot number.
func (k *kit) onHand(loc, item string) map[string]int64 {
	k.t.Helper()
	var out struct {
		Items []stockRow `json:"items"`
	}
	k.nurse.Do(http.MethodGet, "/api/v1/inventory/stock?branch_id="+k.f.Branch.ID+"&location_id="+loc+"&item_id="+item, nil).
		Decode(k.t, &out)
	by := map[string]int64{}
	for _, r := range out.Items {
		by[r.LotNumber] += r.Quantity
	}
	return by
}

func (k *kit) id(r *apitest.Response) string {
	k.t.Helper()
	if r.Status != http.StatusCreated {
		k.t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	var out struct {
		ID string `json:"id"`
	}
	r.Decode(k.t, &out)
	return out.ID
}

func sum(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}
