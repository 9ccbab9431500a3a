package inventory

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// LevelState is an item at a location against its levels: what is on hand, what
// left it for visits and by hand in the last 30 days, and how many days that lasts.
type LevelState struct {
	ItemID       string   `db:"item_id" json:"item_id"`
	ItemName     string   `db:"item_name" json:"item_name"`
	Unit         string   `db:"unit" json:"unit"`
	LocationID   string   `db:"location_id" json:"location_id"`
	LocationName string   `db:"location_name" json:"location_name"`
	Par          int64    `db:"par_level" json:"par_level"`
	Reorder      int64    `db:"reorder_point" json:"reorder_point"`
	Critical     int64    `db:"critical_level" json:"critical_level"`
	OnHand       int64    `db:"on_hand" json:"on_hand"`
	Used30d      int64    `db:"used_30d" json:"used_30d"`
	DaysLeft     *float64 `db:"-" json:"days_left"`
}

// selectLevelStates reads the levels of a board's active items in a branch at or below
// their reorder point, with stock and the last 30 days' consumption. Stock is looked up
// by its key for every level; consumption (the heavier lookup, on the ledger's covering
// usage index) only for the levels shown, so the cost follows the levels, not the
// ledger. MATERIALIZED keeps each stock lookup to one run per level.
const selectLevelStates = `WITH states AS MATERIALIZED (SELECT lv.item_id, i.name AS item_name, i.unit, lv.location_id,
	loc.name AS location_name, lv.par_level, lv.reorder_point, lv.critical_level,
	COALESCE((SELECT SUM(s.quantity) FROM stock s WHERE s.item_id = lv.item_id AND s.location_id = lv.location_id), 0) AS on_hand
	FROM item_levels lv JOIN inventory_items i ON i.id = lv.item_id
	JOIN stock_locations loc ON loc.id = lv.location_id
	WHERE loc.branch_id = ? AND i.board = ? AND i.active AND loc.active)
	SELECT x.*, COALESCE((SELECT SUM(m.quantity) FROM stock_moves m WHERE m.item_id = x.item_id
	    AND m.from_location_id = x.location_id AND m.at >= ? AND m.reason = 'consumption'), 0) AS used_30d
	FROM states x WHERE x.on_hand <= x.reorder_point
	ORDER BY x.item_name, x.location_name, x.item_id, x.location_id`

func (s store) levelStates(ctx context.Context, branchID, board string, since time.Time) ([]LevelState, error) {
	out := []LevelState{}
	return out, db.Select(ctx, s.db.R, &out, selectLevelStates, branchID, board, since)
}

// selectBoardExpiring starts from the lots expiring by the date (their expiry index)
// and keeps those a branch has on hand of the board's items. CROSS JOIN makes SQLite
// start there (PostgreSQL plans it as an inner join either way).
const selectBoardExpiring = `SELECT ` + stockColumns + ` FROM stock_lots l CROSS JOIN stock s
	JOIN inventory_items i ON i.id = s.item_id JOIN stock_locations loc ON loc.id = s.location_id
	WHERE s.lot_id = l.id AND l.expires_on <> '' AND l.expires_on <= ? AND s.quantity > 0 AND loc.branch_id = ?
	AND i.board = ?
	ORDER BY l.expires_on, i.name, s.location_id`

func (s store) boardExpiring(ctx context.Context, branchID, board, until string) ([]StockRow, error) {
	out := []StockRow{}
	return out, db.Select(ctx, s.db.R, &out, selectBoardExpiring, until, branchID, board)
}

// OpenOrder is a purchase order not yet fully received.
type OpenOrder struct {
	ID           string     `db:"id" json:"id"`
	Number       string     `db:"number" json:"number"`
	SupplierName string     `db:"supplier_name" json:"supplier_name"`
	Status       string     `db:"status" json:"status"`
	CreatedAt    time.Time  `db:"created_at" json:"created_at"`
	SentAt       *time.Time `db:"sent_at" json:"sent_at"`
}

const selectOpenOrders = `SELECT o.id, o.number, p.name AS supplier_name, o.status, o.created_at, o.sent_at
	FROM purchase_orders o JOIN suppliers p ON p.id = o.supplier_id
	WHERE o.branch_id = ? AND o.status IN ('draft', 'sent', 'partly_received')
	AND EXISTS (SELECT 1 FROM purchase_order_lines ol JOIN inventory_items i ON i.id = ol.item_id
	    WHERE ol.order_id = o.id AND i.board = ?)
	ORDER BY o.created_at, o.id`

func (s store) openOrders(ctx context.Context, branchID, board string) ([]OpenOrder, error) {
	out := []OpenOrder{}
	return out, db.Select(ctx, s.db.R, &out, selectOpenOrders, branchID, board)
}

// OverdueJob is a maintenance job past its due date.
type OverdueJob struct {
	ID        string `db:"id" json:"id"`
	Title     string `db:"title" json:"title"`
	NextDueOn string `db:"next_due_on" json:"next_due_on"`
}

// selectOverdueJobs: a job for a piece of equipment shows on that item's board, a
// job for the branch (the plumber) on both.
const selectOverdueJobs = `SELECT j.id, j.title, j.next_due_on FROM maintenance_jobs j
	LEFT JOIN inventory_items i ON i.id = j.item_id
	WHERE j.branch_id = ? AND j.active AND j.next_due_on IS NOT NULL AND j.next_due_on < ?
	AND (i.id IS NULL OR i.board = ?)
	ORDER BY j.next_due_on, j.title`

func (s store) overdueJobs(ctx context.Context, branchID, today, board string) ([]OverdueJob, error) {
	out := []OverdueJob{}
	return out, db.Select(ctx, s.db.R, &out, selectOverdueJobs, branchID, today, board)
}

const upsertResponsible = `INSERT INTO inventory_boards (branch_id, board, staff_id) VALUES (?, ?, ?)
	ON CONFLICT (branch_id, board) DO UPDATE SET staff_id = excluded.staff_id`

func (s store) setResponsible(ctx context.Context, branchID, board, staffID string) error {
	return db.Exec(ctx, s.db.W, upsertResponsible, branchID, board, staffID)
}

// selectResponsible lists a branch's digest readers ("" for every branch), active
// staff only.
const selectResponsible = `SELECT r.branch_id, r.board, r.staff_id, s.name AS staff_name, s.email
	FROM inventory_boards r JOIN staff s ON s.id = r.staff_id
	WHERE (? = '' OR r.branch_id = ?) AND s.active ORDER BY r.branch_id, r.board`

func (s store) responsible(ctx context.Context, q db.Q, branchID string) ([]Responsible, error) {
	out := []Responsible{}
	return out, db.Select(ctx, q, &out, selectResponsible, branchID, orNull(branchID))
}
