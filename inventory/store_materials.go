package inventory

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// Material is an item a procedure uses, with how much.
type Material struct {
	ItemID   string `db:"item_id" json:"item_id"`
	ItemName string `db:"item_name" json:"item_name"`
	Unit     string `db:"unit" json:"unit"`
	Quantity int64  `db:"quantity" json:"quantity"`
}

const selectServiceMaterials = `SELECT m.item_id, i.name AS item_name, i.unit, m.quantity
	FROM service_materials m JOIN inventory_items i ON i.id = m.item_id WHERE m.service_id = ? ORDER BY i.name, m.item_id`

const selectDoctorMaterials = `SELECT m.item_id, i.name AS item_name, i.unit, m.quantity
	FROM doctor_materials m JOIN inventory_items i ON i.id = m.item_id
	WHERE m.service_id = ? AND m.doctor_id = ? ORDER BY i.name, m.item_id`

func (s store) materials(ctx context.Context, q db.Q, serviceID string, doctorID *string) ([]Material, error) {
	out := []Material{}
	if doctorID != nil {
		return out, db.Select(ctx, q, &out, selectDoctorMaterials, serviceID, *doctorID)
	}
	return out, db.Select(ctx, q, &out, selectServiceMaterials, serviceID)
}

// selectMaterialsOf reads a service's list and a doctor's own quantities in one go;
// own marks the doctor's rows.
const selectMaterialsOf = `SELECT 0 AS own, m.item_id, i.name AS item_name, i.unit, m.quantity
	FROM service_materials m JOIN inventory_items i ON i.id = m.item_id WHERE m.service_id = ?
	UNION ALL SELECT 1 AS own, m.item_id, i.name AS item_name, i.unit, m.quantity
	FROM doctor_materials m JOIN inventory_items i ON i.id = m.item_id WHERE m.service_id = ? AND m.doctor_id = ?
	ORDER BY own, item_name, item_id`

// ownMaterial is a row of selectMaterialsOf.
type ownMaterial struct {
	Own bool `db:"own"`
	Material
}

func (s store) materialsOf(ctx context.Context, q db.Q, serviceID, doctorID string) ([]ownMaterial, error) {
	var out []ownMaterial
	return out, db.Select(ctx, q, &out, selectMaterialsOf, serviceID, serviceID, doctorID)
}

const deleteServiceMaterials = `DELETE FROM service_materials WHERE service_id = ?`
const insertServiceMaterial = `INSERT INTO service_materials (service_id, item_id, quantity) VALUES (?, ?, ?)`
const deleteDoctorMaterials = `DELETE FROM doctor_materials WHERE service_id = ? AND doctor_id = ?`
const insertDoctorMaterial = `INSERT INTO doctor_materials (service_id, doctor_id, item_id, quantity) VALUES (?, ?, ?, ?)`

func (s store) replaceMaterials(ctx context.Context, tx db.Tx, serviceID string, doctorID *string, list []Material) error {
	var err error
	if doctorID == nil {
		err = db.Exec(ctx, tx, deleteServiceMaterials, serviceID)
	} else {
		err = db.Exec(ctx, tx, deleteDoctorMaterials, serviceID, *doctorID)
	}
	for _, m := range list {
		if err != nil {
			return err
		}
		if doctorID == nil {
			err = db.Exec(ctx, tx, insertServiceMaterial, serviceID, m.ItemID, m.Quantity)
		} else {
			err = db.Exec(ctx, tx, insertDoctorMaterial, serviceID, *doctorID, m.ItemID, m.Quantity)
		}
	}
	return err
}

const insertConsumed = `INSERT INTO visit_consumptions (appointment_id, location_id, at) VALUES (?, ?, ?)
	ON CONFLICT (appointment_id) DO NOTHING`

// markConsumed claims a visit's consumption; false means it was done already.
func (s store) markConsumed(ctx context.Context, tx db.Tx, visitID, locationID string, at time.Time) (bool, error) {
	err := s.hot.ExecOne(ctx, tx, insertConsumed, visitID, locationID, at)
	if errors.Is(err, db.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

const selectConsumedAt = `SELECT location_id FROM visit_consumptions WHERE appointment_id = ?`

func (s store) consumedAt(ctx context.Context, q db.Q, visitID string) (string, error) {
	var loc string
	return loc, db.Get(ctx, q, &loc, selectConsumedAt, visitID)
}

// VisitLot is what a visit has used of one lot, net of corrections.
type VisitLot struct {
	ItemID    string `db:"item_id" json:"item_id"`
	ItemName  string `db:"item_name" json:"item_name"`
	Unit      string `db:"unit" json:"unit"`
	LotID     string `db:"lot_id" json:"lot_id"`
	LotNumber string `db:"lot_number" json:"lot_number"`
	ExpiresOn string `db:"expires_on" json:"expires_on"`
	Quantity  int64  `db:"quantity" json:"quantity"`
}

const selectVisitLots = `SELECT m.item_id, i.name AS item_name, i.unit, m.lot_id, l.lot_number, l.expires_on,
	SUM(CASE WHEN m.from_location_id IS NOT NULL THEN m.quantity ELSE -m.quantity END) AS quantity
	FROM stock_moves m JOIN inventory_items i ON i.id = m.item_id JOIN stock_lots l ON l.id = m.lot_id
	WHERE m.appointment_id = ? AND m.reason IN ('consumption', 'correction')
	GROUP BY m.item_id, i.name, i.unit, m.lot_id, l.lot_number, l.expires_on
	ORDER BY i.name, l.expires_on DESC, m.lot_id`

func (s store) visitLots(ctx context.Context, q db.Q, visitID string) ([]VisitLot, error) {
	out := []VisitLot{}
	return out, db.Select(ctx, q, &out, selectVisitLots, visitID)
}

const selectLastShortfallTask = `SELECT task_id FROM stock_shortfalls
	WHERE item_id = ? AND location_id = ? ORDER BY at DESC, id DESC LIMIT 1`

func (s store) lastShortfallTask(ctx context.Context, tx db.Tx, itemID, locationID string) (string, error) {
	var id *string
	if err := db.Get(ctx, tx, &id, selectLastShortfallTask, itemID, locationID); err != nil || id == nil {
		return "", err
	}
	return *id, nil
}

const insertShortfall = `INSERT INTO stock_shortfalls (id, appointment_id, item_id, location_id, quantity, task_id, at)
	VALUES (?, ?, ?, ?, ?, ?, ?)`

func (s store) insertShortfall(ctx context.Context, tx db.Tx, id string, visitID *string, item, loc string, qty int64,
	taskID string, at time.Time) error {
	return db.Exec(ctx, tx, insertShortfall, id, visitID, item, loc, qty, taskID, at)
}
