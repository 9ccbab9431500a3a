package purchasing

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// store is purchasing's SQL: suggestions and orders here, receipts in store_receipts.go.
type store struct{ db *db.DB }

// level is an item's level at a location of the branch with what is on hand there and
// what open orders still bring there.
type level struct {
	ItemID       string `db:"item_id"`
	ItemName     string `db:"item_name"`
	Names        string `db:"names"`
	SKU          string `db:"sku"`
	Unit         string `db:"unit"`
	PackUnit     string `db:"pack_unit"`
	PackSize     int    `db:"pack_size"`
	LocationID   string `db:"location_id"`
	LocationName string `db:"location_name"`
	Par          int64  `db:"par_level"`
	Reorder      int64  `db:"reorder_point"`
	Critical     int64  `db:"critical_level"`
	OnHand       int64  `db:"on_hand"`
	OnOrder      int64  `db:"on_order"`
}

// selectLevels reads every active item's levels at the branch's active locations. Open
// orders (draft, sent, partly received) into the same location count as coming.
const selectLevels = `SELECT l.item_id, i.name AS item_name, i.names, i.sku, i.unit, i.pack_unit, i.pack_size,
	l.location_id, loc.name AS location_name, l.par_level, l.reorder_point, l.critical_level,
	CAST(COALESCE((SELECT SUM(s.quantity) FROM stock s
		WHERE s.item_id = l.item_id AND s.location_id = l.location_id), 0) AS BIGINT) AS on_hand,
	CAST(COALESCE((SELECT SUM(CAST(pl.packs AS BIGINT) * pl.pack_size - pl.received_units)
		FROM purchase_order_lines pl JOIN purchase_orders po ON po.id = pl.order_id
		WHERE pl.item_id = l.item_id AND po.location_id = l.location_id
		AND po.status IN ('draft', 'sent', 'partly_received')), 0) AS BIGINT) AS on_order
	FROM item_levels l JOIN stock_locations loc ON loc.id = l.location_id
	JOIN inventory_items i ON i.id = l.item_id
	WHERE loc.branch_id = ? AND loc.active AND i.active
	ORDER BY i.name, i.id, loc.name, loc.id`

func (s store) levels(ctx context.Context, branchID string) ([]level, error) {
	out := []level{}
	return out, db.Select(ctx, s.db.R, &out, selectLevels, branchID)
}

// selectSources lists who sells the items among active suppliers, preferred and
// cheapest first, so an item's first row is the supplier to order from.
const selectSources = `SELECT x.item_id, x.supplier_id, p.name AS supplier_name, x.catalogue_number,
	x.pack_price_minor, x.currency, x.lead_days, x.preferred
	FROM item_suppliers x JOIN suppliers p ON p.id = x.supplier_id
	WHERE x.item_id IN (?) AND p.active
	ORDER BY x.item_id, x.preferred DESC, x.pack_price_minor, p.name, p.id`

func (s store) sources(ctx context.Context, q db.Q, itemIDs []string) (map[string][]inventory.Source, error) {
	out := map[string][]inventory.Source{}
	if len(itemIDs) == 0 {
		return out, nil
	}
	query, args, err := sqlx.In(selectSources, itemIDs)
	if err != nil {
		return nil, err
	}
	var rows []inventory.Source
	if err := db.Select(ctx, q, &rows, query, args...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ItemID] = append(out[r.ItemID], r)
	}
	return out, nil
}

// nextNumber takes the year's next order number in one statement: racing writers each
// get their own (the row is locked on PostgreSQL, the one writer serialises SQLite).
const nextNumber = `INSERT INTO purchase_order_numbers (year, last_number) VALUES (?, 1)
	ON CONFLICT (year) DO UPDATE SET last_number = purchase_order_numbers.last_number + 1
	RETURNING last_number`

func (s store) nextNumber(ctx context.Context, tx db.Tx, year int) (int64, error) {
	var n int64
	return n, db.Get(ctx, tx, &n, nextNumber, year)
}

const insertOrder = `INSERT INTO purchase_orders (id, number, branch_id, supplier_id, location_id, status, currency,
	note, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func (s store) insertOrder(ctx context.Context, tx db.Tx, o Order) error {
	return db.Exec(ctx, tx, insertOrder, o.ID, o.Number, o.BranchID, o.SupplierID, o.LocationID, o.Status, o.Currency,
		o.Note, o.CreatedBy, o.CreatedAt, o.UpdatedAt)
}

const insertLine = `INSERT INTO purchase_order_lines (id, order_id, item_id, packs, pack_size, pack_price_minor)
	VALUES (?, ?, ?, ?, ?, ?)`

const deleteLines = `DELETE FROM purchase_order_lines WHERE order_id = ?`

// replaceLines writes a draft's lines anew; a draft has received nothing to lose.
func (s store) replaceLines(ctx context.Context, tx db.Tx, orderID string, lines []OrderLine) error {
	if err := db.Exec(ctx, tx, deleteLines, orderID); err != nil {
		return err
	}
	for _, l := range lines {
		if err := db.Exec(ctx, tx, insertLine, l.ID, orderID, l.ItemID, l.Packs, l.PackSize, l.PackPriceMinor); err != nil {
			return err
		}
	}
	return nil
}

// updateDraft changes a draft's place, note and currency; only while it is a draft.
const updateDraft = `UPDATE purchase_orders SET location_id = ?, note = ?, currency = ?, updated_at = ?
	WHERE id = ? AND status = 'draft'`

func (s store) updateDraft(ctx context.Context, tx db.Tx, o Order) error {
	return db.ExecOne(ctx, tx, updateDraft, o.LocationID, o.Note, o.Currency, o.UpdatedAt, o.ID)
}

// markSent moves a draft to sent; the guard makes a second send change nothing.
const markSent = `UPDATE purchase_orders SET status = 'sent', sent_at = ?, updated_at = ? WHERE id = ? AND status = 'draft'`

func (s store) markSent(ctx context.Context, tx db.Tx, id string, at time.Time) error {
	return db.ExecOne(ctx, tx, markSent, at, at, id)
}

const markCancelled = `UPDATE purchase_orders SET status = 'cancelled', updated_at = ?
	WHERE id = ? AND status IN ('draft', 'sent', 'partly_received')`

func (s store) markCancelled(ctx context.Context, id string, at time.Time) error {
	return db.ExecOne(ctx, s.db.W, markCancelled, at, id)
}
