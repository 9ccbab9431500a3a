package figures

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// supplyKit is a branch in Warsaw with a chair, a service and two doctors, counted by
// the supplies collectors alone; its inventory rows are written by hand, as the
// inventory would have left them.
type supplyKit struct {
	kitBase
	chair   string
	service string
	doctors []string
}

func newSupplyKit(t *testing.T, d *db.DB) *supplyKit {
	t.Helper()
	k := &supplyKit{kitBase: kitBase{t: t, d: d, now: time.Date(2026, 3, 10, 6, 0, 0, 0, time.UTC)}}
	clock := k.clock
	ctx := context.Background()
	dir := clinic.NewService(d, audit.New(d, clock), clock)
	b, err := dir.CreateBranch(ctx, clinic.BranchInput{Name: "Centrum", Country: "PL", TimeZone: "Europe/Warsaw",
		Locale: "pl", Currency: "PLN", Hours: clinic.OpeningHours{}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := dir.CreateChair(ctx, clinic.ChairInput{BranchID: b.ID, Name: "Chair 1", Capabilities: []string{"general"}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := dir.CreateProcedure(ctx, clinic.ProcedureInput{Code: "filling", Names: map[string]string{"en": "Filling"},
		DurationMinutes: 60, PriceMinor: 30000, Currency: "PLN", ChairCapability: "general"})
	if err != nil {
		t.Fatal(err)
	}
	k.branch, k.chair, k.service = b.ID, c.ID, p.ID
	k.s = &Service{deps: Deps{DB: d, Branches: dir, Clock: clock}, catalog: supplyFigures}
	k.s.collectors = k.s.supplyCollectors()
	k.doctors = []string{k.doctor("Dr Nowak"), k.doctor("Dr Kowalska")}
	return k
}

func eachSupplyDB(t *testing.T, body func(t *testing.T, k *supplyKit)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) { body(t, newSupplyKit(t, d)) })
}

var kitStamp = time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)

func (k *supplyKit) doctor(name string) string {
	staffID, id := uuid.NewString(), uuid.NewString()
	k.exec(`INSERT INTO staff (id, email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, 'doctor', 'x', ?, ?)`,
		staffID, staffID+"@centrum.test", name, kitStamp, kitStamp)
	k.exec(`INSERT INTO doctors (id, staff_id, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
		id, staffID, name, kitStamp, kitStamp)
	return id
}

// visit books a one-hour visit of a doctor starting at (UTC) in a status.
func (k *supplyKit) visit(doctor string, at time.Time, status string) string {
	id := uuid.NewString()
	k.exec(`INSERT INTO appointments (id, branch_id, service_id, doctor_id, chair_id, starts_at, ends_at, blocked_until,
		status, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'admin', ?, ?)`,
		id, k.branch, k.service, doctor, k.chair, at, at.Add(time.Hour), at.Add(time.Hour), status, kitStamp, kitStamp)
	return id
}

func (k *supplyKit) location(name string, active bool) string {
	id := uuid.NewString()
	k.exec(`INSERT INTO stock_locations (id, branch_id, name, kind, active, created_at) VALUES (?, ?, ?, 'storage', ?, ?)`,
		id, k.branch, name, active, kitStamp)
	return id
}

// item adds an item sold in packs of packSize to a board.
func (k *supplyKit) item(name, board string, packSize int, active bool) string {
	id := uuid.NewString()
	k.exec(`INSERT INTO inventory_items (id, sku, name, category, unit, pack_unit, pack_size, board, active, created_at, updated_at)
		VALUES (?, ?, ?, 'dental_material', 'piece', 'box', ?, ?, ?, ?, ?)`, id, id, name, packSize, board, active, kitStamp, kitStamp)
	return id
}

func (k *supplyKit) level(item, loc string, par, reorder, critical int) {
	k.exec(`INSERT INTO item_levels (item_id, location_id, par_level, reorder_point, critical_level) VALUES (?, ?, ?, ?, ?)`,
		item, loc, par, reorder, critical)
}

// lot adds a lot of an item with qty on hand at loc ("" expiry: none).
func (k *supplyKit) lot(item, loc, number, expires string, qty int) string {
	id := uuid.NewString()
	k.exec(`INSERT INTO stock_lots (id, item_id, lot_number, expires_on, created_at) VALUES (?, ?, ?, ?, ?)`,
		id, item, number, expires, kitStamp)
	k.stock(item, loc, id, qty)
	return id
}

func (k *supplyKit) stock(item, loc, lot string, qty int) {
	k.exec(`INSERT INTO stock (item_id, location_id, lot_id, quantity, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (item_id, location_id, lot_id) DO UPDATE SET quantity = excluded.quantity`, item, loc, lot, qty, kitStamp)
}

// move writes a ledger move: from or to may be "" (none), visit "" (no visit).
func (k *supplyKit) move(item, lot, from, to string, qty int, reason, kind, source, visit string, at time.Time) {
	k.exec(`INSERT INTO stock_moves (id, item_id, lot_id, from_location_id, to_location_id, quantity, reason, source_kind,
		source_id, appointment_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, uuid.NewString(), item, lot,
		orNil(from), orNil(to), qty, reason, kind, source, orNil(visit), at)
}

func orNil(id string) *string {
	if id == "" {
		return nil
	}
	return &id
}

// supplier adds a supplier of an item at a pack price.
func (k *supplyKit) supplier(item string, packPrice int, preferred bool) {
	id := uuid.NewString()
	k.exec(`INSERT INTO suppliers (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`, id, "Supplier "+id[:4], kitStamp, kitStamp)
	k.exec(`INSERT INTO item_suppliers (item_id, supplier_id, pack_price_minor, currency, preferred) VALUES (?, ?, ?, 'PLN', ?)`,
		item, id, packPrice, preferred)
}

// orderLine adds a received order for packs of an item and answers its line's id.
func (k *supplyKit) orderLine(item, loc string, packs, packSize, packPrice int) string {
	sup, order, line := uuid.NewString(), uuid.NewString(), uuid.NewString()
	k.exec(`INSERT INTO suppliers (id, name, created_at, updated_at) VALUES (?, 'Order supplier', ?, ?)`, sup, kitStamp, kitStamp)
	k.exec(`INSERT INTO purchase_orders (id, number, branch_id, supplier_id, location_id, status, currency, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, 'received', 'PLN', ?, ?)`, order, "PO/2026/"+order[:6], k.branch, sup, loc, kitStamp, kitStamp)
	k.exec(`INSERT INTO purchase_order_lines (id, order_id, item_id, packs, pack_size, pack_price_minor, received_units)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, line, order, item, packs, packSize, packPrice, packs*packSize)
	return line
}

// day answers a figure's day: its total and its rows' subjects and labels.
func (k *supplyKit) day(figure, date, doctor string) (Point, map[string]string) {
	k.t.Helper()
	ctx := context.Background()
	r, err := k.s.Figures(ctx, Query{BranchID: k.branch, From: date, To: date, By: "day", DoctorID: doctor})
	if err != nil {
		k.t.Fatal(err)
	}
	var total Point
	for _, s := range r.Figures {
		if s.Name == figure {
			total = s.Total
		}
	}
	page, err := k.s.Rows(ctx, figure, RowsQuery{BranchID: k.branch, From: date, To: date, DoctorID: doctor, Limit: 100})
	if err != nil {
		k.t.Fatal(err)
	}
	labels := map[string]string{}
	for _, f := range page.Rows {
		labels[f.SubjectID] = f.Label
	}
	return total, labels
}
