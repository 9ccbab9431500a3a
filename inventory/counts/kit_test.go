package counts_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// kit is the whole app over one database with a Warsaw branch, its storage room and
// a nurse who works there.
type kit struct {
	t      testing.TB
	env    *apitest.Env
	branch string
	room   string
	nurse  *apitest.Client
}

func newKit(t testing.TB, d *db.DB) *kit {
	t.Helper()
	k := &kit{t: t, env: apitest.NewEnv(t, d)}
	k.branch = k.newBranch("Centrum")
	k.room = k.location(k.branch, "Storage room")
	k.nurse = k.env.SignIn(actor.Nurse, k.branch)
	return k
}

func (k *kit) newBranch(name string) string {
	k.t.Helper()
	b, err := k.env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: name, Address: "ul. Marszałkowska 1",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN",
		Hours: clinic.OpeningHours{clinic.Weekdays[0]: {{Open: "08:00", Close: "16:00"}}}})
	if err != nil {
		k.t.Fatalf("branch: %v", err)
	}
	return b.ID
}

func (k *kit) location(branch, name string) string {
	k.t.Helper()
	l, err := k.env.Inventory.CreateLocation(context.Background(), inventory.Location{BranchID: branch, Name: name, Kind: "storage"})
	if err != nil {
		k.t.Fatalf("location: %v", err)
	}
	return l.ID
}

// item adds an item to the catalogue; lotTracked items need a lot number and expiry.
func (k *kit) item(sku string, lotTracked bool) inventory.Item {
	k.t.Helper()
	i, err := k.env.Inventory.CreateItem(context.Background(), k.env.DB.W, inventory.Item{SKU: sku, Name: sku,
		Category: "dental_material", Unit: "pcs", PackUnit: "box", PackSize: 10, Board: inventory.HeadNurse,
		LotTracked: lotTracked, ExpiryTracked: lotTracked})
	if err != nil {
		k.t.Fatalf("item: %v", err)
	}
	return i
}

// lot finds or makes a lot of item.
func (k *kit) lot(item inventory.Item, number, expires string) string {
	k.t.Helper()
	l, err := k.env.Inventory.EnsureLot(context.Background(), k.env.DB.W, item, number, expires, "")
	if err != nil {
		k.t.Fatalf("lot: %v", err)
	}
	return l.ID
}

// move posts one move of qty units of a lot: into the room when qty > 0, out of it
// (a visit's consumption) when qty < 0.
func (k *kit) move(item inventory.Item, lot string, qty int64) {
	k.t.Helper()
	l := inventory.Line{ItemID: item.ID, LotID: lot, Quantity: qty, Reason: inventory.Receipt, SourceKind: inventory.FromManual}
	if qty < 0 {
		l.From, l.Quantity, l.Reason = &k.room, -qty, inventory.Consumption
	} else {
		l.To = &k.room
	}
	err := k.env.DB.InTx(context.Background(), func(tx db.Tx) error {
		_, err := k.env.Inventory.Post(context.Background(), tx, l)
		return err
	})
	if err != nil {
		k.t.Fatalf("move %d of %s: %v", qty, item.Name, err)
	}
}

// onHand is the stock of one lot in the room now.
func (k *kit) onHand(item inventory.Item, lot string) int64 {
	k.t.Helper()
	rows, err := k.env.Inventory.OnHand(context.Background(), k.env.DB.R, item.ID, k.room)
	if err != nil {
		k.t.Fatalf("on hand: %v", err)
	}
	for _, r := range rows {
		if r.LotID == lot {
			return r.Quantity
		}
	}
	return 0
}

// session is a count as the API answers it.
type session struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	Uncounted int    `json:"uncounted"`
	Lines     []struct {
		ItemID     string `json:"item_id"`
		LotID      string `json:"lot_id"`
		LotNumber  string `json:"lot_number"`
		Expected   int64  `json:"expected"`
		Counted    *int64 `json:"counted"`
		Difference *int64 `json:"difference"`
		Reason     string `json:"reason"`
	} `json:"lines"`
	Moves []struct {
		ItemID   string  `json:"item_id"`
		LotID    string  `json:"lot_id"`
		From     *string `json:"from_location_id"`
		To       *string `json:"to_location_id"`
		Quantity int64   `json:"quantity"`
		Reason   string  `json:"reason"`
		Source   string  `json:"source_id"`
		Note     string  `json:"note"`
	} `json:"moves"`
}

// line finds the sheet's line of a lot, failing the test when there is none.
func (s session) line(t testing.TB, lot string) (expected int64, counted *int64) {
	t.Helper()
	for _, l := range s.Lines {
		if l.LotID == lot {
			return l.Expected, l.Counted
		}
	}
	t.Fatalf("no line for lot %s in %+v", lot, s.Lines)
	return 0, nil
}

// start opens a count of the room as the nurse.
func (k *kit) start() session {
	k.t.Helper()
	r := k.nurse.Do(http.MethodPost, "/api/v1/inventory/counts", map[string]any{"location_id": k.room})
	if r.Status != http.StatusCreated {
		k.t.Fatalf("start: %d %s", r.Status, r.Body)
	}
	var s session
	r.Decode(k.t, &s)
	return s
}

// do sends a request as the nurse and expects want, decoding a session on success.
func (k *kit) do(method, path string, body any, want int) session {
	k.t.Helper()
	r := k.nurse.Do(method, path, body)
	if r.Status != want {
		k.t.Fatalf("%s %s: %d %s, want %d", method, path, r.Status, r.Body, want)
	}
	var s session
	if want < 300 {
		r.Decode(k.t, &s)
	}
	return s
}

// refused expects a problem with status naming field (or, for field "", with code).
func refused(t testing.TB, r *apitest.Response, status int, fieldOrCode string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("got %d %s, want %d %s", r.Status, r.Body, status, fieldOrCode)
	}
	p := r.Problem(t)
	if p.Code == fieldOrCode {
		return
	}
	for _, f := range p.Errors {
		if f.Field == fieldOrCode {
			return
		}
	}
	t.Fatalf("problem %s does not name %s: %s", p.Code, fieldOrCode, r.Body)
}

func line(item string, counted int64, kv ...string) map[string]any {
	l := map[string]any{"item_id": item, "counted": counted}
	for i := 0; i+1 < len(kv); i += 2 {
		l[kv[i]] = kv[i+1]
	}
	return l
}

func lines(ls ...map[string]any) map[string]any { return map[string]any{"lines": ls} }

func path(id string, rest ...string) string {
	return "/api/v1/inventory/counts/" + id + strings.Join(rest, "")
}
