package purchasing_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/inventory/purchasing"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// kit is the whole app over one database with a Warsaw branch (Polish, PLN), its
// storeroom, two suppliers and a head nurse who works there.
type kit struct {
	t      testing.TB
	env    *apitest.Env
	db     *db.DB
	mail   *outbox
	branch clinic.Branch
	store  inventory.Location
	nurse  *apitest.Client
	// dental sells everything (preferred for some); cheap only a little, cheaper.
	dental, cheap inventory.Supplier
}

func newKit(t testing.TB, d *db.DB) *kit {
	t.Helper()
	k := &kit{t: t, db: d, mail: &outbox{}}
	k.env = apitest.NewEnv(t, d, apitest.WithChannel(k.mail))
	ctx := context.Background()
	b, err := k.env.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: "Centrum", Address: "ul. Marszałkowska 1, Warszawa",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: clinic.OpeningHours{}})
	if err != nil {
		t.Fatalf("branch: %v", err)
	}
	k.branch = b
	if k.store, err = k.env.Inventory.CreateLocation(ctx, inventory.Location{BranchID: b.ID, Name: "Magazyn", Kind: "storage"}); err != nil {
		t.Fatalf("location: %v", err)
	}
	k.dental = k.supplier("Dental Hurt", "zamowienia@dentalhurt.test")
	k.cheap = k.supplier("Tani Dental", "biuro@tanidental.test")
	k.nurse = k.env.SignIn(actor.Nurse, b.ID)
	return k
}

func (k *kit) supplier(name, email string) inventory.Supplier {
	k.t.Helper()
	sp, err := k.env.Inventory.CreateSupplier(context.Background(), inventory.Supplier{Name: name, Email: email, Locale: "pl"})
	if err != nil {
		k.t.Fatalf("supplier: %v", err)
	}
	return sp
}

// item adds an item bought in packs of packSize with its level at the storeroom and
// what is on hand there now (one lot, received by hand).
func (k *kit) item(sku, name string, packSize int, par, reorder, onHand int64, tracked bool) inventory.Item {
	k.t.Helper()
	ctx := context.Background()
	it, err := k.env.Inventory.CreateItem(ctx, k.db.W, inventory.Item{SKU: sku, Name: name,
		Names: map[string]string{"pl": name + " (PL)"}, Category: "dental_material", Unit: "szt", PackUnit: "opak",
		PackSize: packSize, Board: inventory.HeadNurse, LotTracked: tracked, ExpiryTracked: tracked})
	if err != nil {
		k.t.Fatalf("item: %v", err)
	}
	if _, err := k.env.Inventory.SetLevel(ctx, inventory.Level{ItemID: it.ID, LocationID: k.store.ID, Par: par,
		Reorder: reorder, Critical: reorder / 2}); err != nil {
		k.t.Fatalf("level: %v", err)
	}
	if onHand > 0 {
		k.stock(it, onHand)
	}
	return it
}

// stock receives units of an item into the storeroom by hand.
func (k *kit) stock(it inventory.Item, units int64) {
	k.t.Helper()
	ctx := context.Background()
	err := k.db.InTx(ctx, func(tx db.Tx) error {
		lot, err := k.env.Inventory.EnsureLot(ctx, tx, it, "L-START", "2030-01-31", "")
		if err != nil {
			return err
		}
		_, err = k.env.Inventory.Post(ctx, tx, inventory.Line{ItemID: it.ID, LotID: lot.ID, To: &k.store.ID,
			Quantity: units, Reason: inventory.Receipt, SourceKind: inventory.FromManual})
		return err
	})
	if err != nil {
		k.t.Fatalf("stock: %v", err)
	}
}

// sells lists who sells an item at what pack price.
func (k *kit) sells(it inventory.Item, src ...inventory.Source) {
	k.t.Helper()
	if _, err := k.env.Inventory.SetSources(context.Background(), it.ID, src); err != nil {
		k.t.Fatalf("sources: %v", err)
	}
}

func offer(sp inventory.Supplier, catalogue string, price int64, preferred bool) inventory.Source {
	return inventory.Source{SupplierID: sp.ID, CatalogueNumber: catalogue, PackPriceMinor: price, Currency: "PLN",
		Preferred: preferred}
}

// do sends a request as the head nurse and expects status.
func (k *kit) do(method, path string, body any, status int, out any) *apitest.Response {
	k.t.Helper()
	r := k.nurse.Do(method, path, body)
	if r.Status != status {
		k.t.Fatalf("%s %s: %d, want %d: %s", method, path, r.Status, status, r.Body)
	}
	if out != nil {
		r.Decode(k.t, out)
	}
	return r
}

// order makes a draft through the API.
func (k *kit) order(supplier inventory.Supplier, lines ...map[string]any) purchasing.Order {
	k.t.Helper()
	var o purchasing.Order
	k.do(http.MethodPost, "/api/v1/purchase-orders", map[string]any{"branch_id": k.branch.ID, "supplier_id": supplier.ID,
		"location_id": k.store.ID, "lines": lines}, http.StatusCreated, &o)
	return o
}

// sent makes an order and sends it.
func (k *kit) sent(supplier inventory.Supplier, lines ...map[string]any) purchasing.Order {
	k.t.Helper()
	o := k.order(supplier, lines...)
	k.do(http.MethodPost, "/api/v1/purchase-orders/"+o.ID+"/send", nil, http.StatusOK, &o)
	return o
}

func line(it inventory.Item, packs int) map[string]any {
	return map[string]any{"item_id": it.ID, "packs": packs}
}

// onHand is the storeroom's stock of an item, all lots.
func (k *kit) onHand(it inventory.Item) int64 {
	k.t.Helper()
	rows, err := k.env.Inventory.OnHand(context.Background(), k.db.R, it.ID, k.store.ID)
	if err != nil {
		k.t.Fatal(err)
	}
	var n int64
	for _, r := range rows {
		n += r.Quantity
	}
	return n
}

// outbox is the test's e-mail provider: it keeps what it was asked to send.
type outbox struct {
	mu   sync.Mutex
	sent []messaging.Outgoing
}

func (o *outbox) Name() string { return "test" }

func (o *outbox) Send(_ context.Context, m messaging.Outgoing) (string, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sent = append(o.sent, m)
	return m.DedupeKey, nil
}

func (o *outbox) all() []messaging.Outgoing {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]messaging.Outgoing{}, o.sent...)
}
