package purchasing

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// lockReceivable touches an order that may be received, so parallel receipts of one
// order queue behind each other's row lock on PostgreSQL (SQLite has one writer) and
// each one's status is decided on the lines as the one before left them.
const lockReceivable = `UPDATE purchase_orders SET updated_at = ? WHERE id = ? AND status IN ('sent', 'partly_received')`

func (s store) lockReceivable(ctx context.Context, tx db.Tx, id string, at time.Time) error {
	return db.ExecOne(ctx, tx, lockReceivable, at, id)
}

// receiveUnits is the guard against receiving more than was ordered: the line changes
// only while the units fit, so no interleaving of receipts can over-receive.
const receiveUnits = `UPDATE purchase_order_lines SET received_units = received_units + ?
	WHERE id = ? AND order_id = ? AND received_units + ? <= CAST(packs AS BIGINT) * pack_size`

func (s store) receiveUnits(ctx context.Context, tx db.Tx, orderID, lineID string, qty int64) error {
	return db.ExecOne(ctx, tx, receiveUnits, qty, lineID, orderID, qty)
}

const selectOutstandingLines = `SELECT COUNT(*) FROM purchase_order_lines
	WHERE order_id = ? AND received_units < CAST(packs AS BIGINT) * pack_size`

const setStatus = `UPDATE purchase_orders SET status = ?, updated_at = ? WHERE id = ?`

// settle marks the order received when no line is still due, else partly received.
func (s store) settle(ctx context.Context, tx db.Tx, id string, at time.Time) error {
	var due int
	if err := db.Get(ctx, tx, &due, selectOutstandingLines, id); err != nil {
		return err
	}
	status := Received
	if due > 0 {
		status = PartlyReceived
	}
	return db.Exec(ctx, tx, setStatus, status, at, id)
}
