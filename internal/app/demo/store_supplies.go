package demo

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// insertMaterial is one line of a service's bill of materials; the inventory core has
// no call for it yet, so the demo writes the row itself.
const insertMaterial = `INSERT INTO service_materials (service_id, item_id, quantity) VALUES (?, ?, ?)`

func (s store) addMaterial(ctx context.Context, serviceID, itemID string, qty int64) error {
	return db.Exec(ctx, s.db.W, insertMaterial, serviceID, itemID, qty)
}
