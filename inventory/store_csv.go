package inventory

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// The import's and export's own SQL: everything here runs on the caller's q, so an
// import reads and writes inside its one transaction.

const selectSKUs = `SELECT sku FROM inventory_items`

func (s store) skus(ctx context.Context, q db.Q) ([]string, error) {
	out := []string{}
	return out, db.Select(ctx, q, &out, selectSKUs)
}

const selectBranchPlaces = `SELECT ` + locationColumns + ` FROM stock_locations WHERE branch_id = ? AND active`

func (s store) branchPlaces(ctx context.Context, q db.Q, branchID string) ([]Location, error) {
	out := []Location{}
	return out, db.Select(ctx, q, &out, selectBranchPlaces, branchID)
}

const selectActiveSuppliers = `SELECT ` + supplierColumns + ` FROM suppliers WHERE active ORDER BY created_at, id`

func (s store) activeSuppliers(ctx context.Context, q db.Q) ([]Supplier, error) {
	out := []Supplier{}
	return out, db.Select(ctx, q, &out, selectActiveSuppliers)
}

func (s store) addSupplier(ctx context.Context, q db.Q, sp Supplier) error {
	return db.Exec(ctx, q, insertSupplier, sp.ID, sp.Name, sp.Email, sp.Phone, sp.Locale, sp.Active,
		sp.CreatedAt, sp.UpdatedAt)
}

func (s store) addSource(ctx context.Context, q db.Q, x Source) error {
	return db.Exec(ctx, q, insertSource, x.ItemID, x.SupplierID, x.CatalogueNumber, x.PackPriceMinor,
		x.Currency, x.LeadDays, x.Preferred)
}

// ledgerLine is one move as the export writes it: names instead of ids where a
// person reads them.
type ledgerLine struct {
	Seq           int64     `db:"seq"`
	ID            string    `db:"id"`
	At            time.Time `db:"at"`
	SKU           string    `db:"sku"`
	ItemName      string    `db:"item_name"`
	Unit          string    `db:"unit"`
	LotNumber     string    `db:"lot_number"`
	ExpiresOn     string    `db:"expires_on"`
	FromName      string    `db:"from_name"`
	ToName        string    `db:"to_name"`
	Quantity      int64     `db:"quantity"`
	Reason        string    `db:"reason"`
	SourceKind    string    `db:"source_kind"`
	SourceID      string    `db:"source_id"`
	AppointmentID *string   `db:"appointment_id"`
	ReversesID    *string   `db:"reverses_id"`
	StaffName     string    `db:"staff_name"`
	Note          string    `db:"note"`
}

// selectLedgerPage is a page of a branch's moves (leaving or reaching one of its
// locations) in [from, to), in time order after the cursor (at, seq).
const selectLedgerPage = `SELECT m.seq, m.id, m.at, i.sku, i.name AS item_name, i.unit, l.lot_number, l.expires_on,
	COALESCE(fl.name, '') AS from_name, COALESCE(tl.name, '') AS to_name, m.quantity, m.reason, m.source_kind,
	m.source_id, m.appointment_id, m.reverses_id, COALESCE(st.name, '') AS staff_name, m.note
	FROM stock_moves m JOIN inventory_items i ON i.id = m.item_id JOIN stock_lots l ON l.id = m.lot_id
	LEFT JOIN stock_locations fl ON fl.id = m.from_location_id
	LEFT JOIN stock_locations tl ON tl.id = m.to_location_id
	LEFT JOIN staff st ON st.id = m.staff_id
	WHERE m.at >= ? AND m.at < ? AND (fl.branch_id = ? OR tl.branch_id = ?)
	AND (m.at > ? OR (m.at = ? AND m.seq > ?))
	ORDER BY m.at, m.seq LIMIT ?`

func (s store) ledgerPage(ctx context.Context, p exportPeriod, afterAt time.Time, afterSeq int64, limit int) ([]ledgerLine, error) {
	out := []ledgerLine{}
	return out, db.Select(ctx, s.db.R, &out, selectLedgerPage, p.start, p.end, p.branchID, p.branchID,
		afterAt, afterAt, afterSeq, limit)
}
