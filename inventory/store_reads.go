package inventory

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// selectBranchStock lists what a branch has on hand, optionally at one location or of
// one item.
const selectBranchStock = `SELECT ` + stockColumns + ` FROM stock s JOIN inventory_items i ON i.id = s.item_id
	JOIN stock_lots l ON l.id = s.lot_id JOIN stock_locations loc ON loc.id = s.location_id
	WHERE loc.branch_id = ? AND s.quantity > 0 AND (? = '' OR s.location_id = ?) AND (? = '' OR s.item_id = ?)
	ORDER BY i.name, s.item_id, s.location_id, l.expires_on, l.id`

func (s store) branchStock(ctx context.Context, branchID, locationID, itemID string) ([]StockRow, error) {
	out := []StockRow{}
	return out, db.Select(ctx, s.db.R, &out, selectBranchStock, branchID, locationID, orNull(locationID), itemID, orNull(itemID))
}

// selectExpiring lists lots on hand in a branch expiring on or before a date (expired
// ones too: they still have to leave the shelf), starting from the lots' expiry index.
const selectExpiring = `SELECT ` + stockColumns + ` FROM stock_lots l CROSS JOIN stock s
	JOIN inventory_items i ON i.id = s.item_id JOIN stock_locations loc ON loc.id = s.location_id
	WHERE s.lot_id = l.id AND l.expires_on <> '' AND l.expires_on <= ? AND s.quantity > 0 AND loc.branch_id = ?
	ORDER BY l.expires_on, i.name, s.location_id`

func (s store) expiring(ctx context.Context, branchID, until string) ([]StockRow, error) {
	out := []StockRow{}
	return out, db.Select(ctx, s.db.R, &out, selectExpiring, until, branchID)
}

// MoveFilter narrows the ledger; a page holds moves with seq below Before (0: newest).
type MoveFilter struct {
	BranchID   string
	ItemID     string
	LocationID string
	LotID      string
	From, To   time.Time
	Before     int64
	Limit      int
}

const selectMoves = `SELECT ` + moveColumns + ` FROM stock_moves m
	WHERE (m.from_location_id IN (SELECT id FROM stock_locations WHERE branch_id = ?)
	    OR m.to_location_id IN (SELECT id FROM stock_locations WHERE branch_id = ?))
	AND (? = '' OR m.item_id = ?) AND (? = '' OR m.lot_id = ?)
	AND (? = '' OR m.from_location_id = ? OR m.to_location_id = ?)
	AND m.at >= ? AND m.at < ? AND (? = 0 OR m.seq < ?)
	ORDER BY m.seq DESC LIMIT ?`

func (s store) moves(ctx context.Context, f MoveFilter) ([]Move, error) {
	out := []Move{}
	return out, db.Select(ctx, s.db.R, &out, selectMoves, f.BranchID, f.BranchID, f.ItemID, orNull(f.ItemID), f.LotID,
		orNull(f.LotID), f.LocationID, orNull(f.LocationID), orNull(f.LocationID), f.From, f.To, f.Before, f.Before, f.Limit+1)
}

// LotUse is one visit that used a lot: who the patient was, when, with which doctor.
type LotUse struct {
	AppointmentID string    `db:"appointment_id" json:"appointment_id"`
	PatientID     *string   `db:"patient_id" json:"patient_id"`
	PatientName   string    `db:"patient_name" json:"patient_name"`
	PatientPhone  string    `db:"patient_phone" json:"patient_phone"`
	BranchID      string    `db:"branch_id" json:"branch_id"`
	DoctorName    string    `db:"doctor_name" json:"doctor_name"`
	StartsAt      time.Time `db:"starts_at" json:"starts_at"`
	Quantity      int64     `db:"quantity" json:"quantity"`
}

// selectLotUses nets each visit's moves of the lot (consumptions less what was put
// back), keeping the visits that still used some.
const selectLotUses = `SELECT a.id AS appointment_id, a.patient_id,
	COALESCE(p.last_name || ' ' || p.first_name, '') AS patient_name, COALESCE(p.phone, '') AS patient_phone,
	a.branch_id, d.display_name AS doctor_name, a.starts_at,
	SUM(CASE WHEN m.from_location_id IS NOT NULL THEN m.quantity ELSE -m.quantity END) AS quantity
	FROM stock_moves m JOIN appointments a ON a.id = m.appointment_id
	LEFT JOIN patients p ON p.id = a.patient_id JOIN doctors d ON d.id = a.doctor_id
	WHERE m.lot_id = ? AND m.reason IN ('consumption', 'correction')
	GROUP BY a.id, a.patient_id, p.last_name, p.first_name, p.phone, a.branch_id, d.display_name, a.starts_at
	HAVING SUM(CASE WHEN m.from_location_id IS NOT NULL THEN m.quantity ELSE -m.quantity END) > 0
	ORDER BY a.starts_at, a.id`

func (s store) lotUses(ctx context.Context, lotID string) ([]LotUse, error) {
	out := []LotUse{}
	return out, db.Select(ctx, s.db.R, &out, selectLotUses, lotID)
}

// orNull passes an absent optional id as NULL: PostgreSQL converts every argument to
// the column's type (uuid) before "? = ” OR …" could skip it, and "" is no uuid.
func orNull(id string) *string {
	if id == "" {
		return nil
	}
	return &id
}
