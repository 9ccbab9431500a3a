package inventory

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

const locationColumns = `id, branch_id, parent_id, name, kind, chair_id, clinical_default, active, created_at`

const selectLocation = `SELECT ` + locationColumns + ` FROM stock_locations WHERE id = ?`

func (s store) location(ctx context.Context, q db.Q, id string) (Location, error) {
	var l Location
	return l, db.Get(ctx, q, &l, selectLocation, id)
}

const selectLocations = `SELECT ` + locationColumns + ` FROM stock_locations WHERE branch_id = ? AND active
	ORDER BY name, id`

func (s store) locations(ctx context.Context, branchID string) ([]Location, error) {
	out := []Location{}
	return out, db.Select(ctx, s.db.R, &out, selectLocations, branchID)
}

// visitPlace is where a visit's materials leave from, with its branch's zone (the
// branch's today decides which lots have expired).
type visitPlace struct {
	Location
	TimeZone string `db:"time_zone"`
}

// selectVisitLocation is where a visit's materials leave from: its chair's location,
// else the branch's default clinical location.
const selectVisitLocation = `SELECT l.id, l.branch_id, l.parent_id, l.name, l.kind, l.chair_id, l.clinical_default,
	l.active, l.created_at, b.time_zone FROM stock_locations l JOIN branches b ON b.id = l.branch_id
	WHERE l.branch_id = ? AND l.active AND (l.chair_id = ? OR l.clinical_default)
	ORDER BY CASE WHEN l.chair_id = ? THEN 0 ELSE 1 END LIMIT 1`

func (s store) visitLocation(ctx context.Context, tx db.Tx, branchID, chairID string) (visitPlace, error) {
	var p visitPlace
	return p, s.hot.Get(ctx, tx, &p, selectVisitLocation, branchID, chairID, chairID)
}

const insertLocation = `INSERT INTO stock_locations (id, branch_id, parent_id, name, kind, chair_id,
	clinical_default, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

func (s store) insertLocation(ctx context.Context, q db.Q, l Location) error {
	return db.Exec(ctx, q, insertLocation, l.ID, l.BranchID, l.ParentID, l.Name, l.Kind, l.ChairID,
		l.ClinicalDefault, l.Active, l.CreatedAt)
}

const upsertLevel = `INSERT INTO item_levels (item_id, location_id, par_level, reorder_point, critical_level)
	VALUES (?, ?, ?, ?, ?) ON CONFLICT (item_id, location_id) DO UPDATE SET par_level = excluded.par_level,
	reorder_point = excluded.reorder_point, critical_level = excluded.critical_level`

func (s store) upsertLevel(ctx context.Context, q db.Q, l Level) error {
	return db.Exec(ctx, q, upsertLevel, l.ItemID, l.LocationID, l.Par, l.Reorder, l.Critical)
}

const selectLevels = `SELECT item_id, location_id, par_level, reorder_point, critical_level FROM item_levels
	WHERE item_id = ? ORDER BY location_id`

func (s store) levels(ctx context.Context, itemID string) ([]Level, error) {
	out := []Level{}
	return out, db.Select(ctx, s.db.R, &out, selectLevels, itemID)
}

const lotColumns = `id, item_id, lot_number, expires_on, created_at`

const selectLot = `SELECT ` + lotColumns + ` FROM stock_lots WHERE id = ?`

func (s store) lot(ctx context.Context, q db.Q, id string) (Lot, error) {
	var l Lot
	return l, db.Get(ctx, q, &l, selectLot, id)
}

const insertLot = `INSERT INTO stock_lots (id, item_id, lot_number, expires_on, created_at) VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (item_id, lot_number, expires_on) DO NOTHING`

const selectLotByNumber = `SELECT ` + lotColumns + ` FROM stock_lots WHERE item_id = ? AND lot_number = ? AND expires_on = ?`

// ensureLot finds the lot or makes it; racing makers both end with the one row.
func (s store) ensureLot(ctx context.Context, q db.Q, l Lot) (Lot, error) {
	if err := db.Exec(ctx, q, insertLot, l.ID, l.ItemID, l.Number, l.ExpiresOn, l.CreatedAt); err != nil {
		return Lot{}, err
	}
	var out Lot
	return out, db.Get(ctx, q, &out, selectLotByNumber, l.ItemID, l.Number, l.ExpiresOn)
}
