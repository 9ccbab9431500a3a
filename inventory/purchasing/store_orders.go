package purchasing

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// orderColumns read an order with its supplier's name and its total.
const orderColumns = `o.id, o.number, o.branch_id, o.supplier_id, p.name AS supplier_name, o.location_id, o.status,
	o.currency, o.note, o.created_by, o.created_at, o.sent_at, o.updated_at,
	CAST(COALESCE((SELECT SUM(CAST(l.packs AS BIGINT) * l.pack_price_minor) FROM purchase_order_lines l
		WHERE l.order_id = o.id), 0) AS BIGINT) AS total_minor`

const selectOrder = `SELECT ` + orderColumns + ` FROM purchase_orders o JOIN suppliers p ON p.id = o.supplier_id
	WHERE o.id = ?`

func (s store) order(ctx context.Context, q db.Q, id string) (Order, error) {
	var o Order
	return o, db.Get(ctx, q, &o, selectOrder, id)
}

// selectLines reads an order's lines with their items and the supplier's catalogue
// numbers, in the order's supplier's terms.
const selectLines = `SELECT l.id, l.item_id, i.name AS item_name, i.names, i.sku, i.unit, i.pack_unit,
	COALESCE(x.catalogue_number, '') AS catalogue_number, l.packs, l.pack_size, l.pack_price_minor, l.received_units
	FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
	JOIN inventory_items i ON i.id = l.item_id
	LEFT JOIN item_suppliers x ON x.item_id = l.item_id AND x.supplier_id = o.supplier_id
	WHERE l.order_id = ? ORDER BY i.name, l.id`

func (s store) lines(ctx context.Context, q db.Q, orderID string) ([]OrderLine, error) {
	out := []OrderLine{}
	return out, db.Select(ctx, q, &out, selectLines, orderID)
}

// selectOrders is one page of orders, newest first, with a (created_at, id) keyset
// cursor; all is true for actors who see every branch, else branches bounds the list.
// Branch ids are compared as text: "" (no filter) is no UUID to PostgreSQL.
const selectOrders = `SELECT ` + orderColumns + ` FROM purchase_orders o JOIN suppliers p ON p.id = o.supplier_id
	WHERE (? OR CAST(o.branch_id AS TEXT) IN (?)) AND (? = '' OR CAST(o.branch_id AS TEXT) = ?)
	AND (? = '' OR o.status = ?)
	AND (o.created_at < ? OR (o.created_at = ? AND o.id < ?))
	ORDER BY o.created_at DESC, o.id DESC LIMIT ?`

func (s store) orders(ctx context.Context, f Filter, all bool, branches []string, at time.Time, id string) ([]Order, error) {
	if len(branches) == 0 {
		branches = []string{""}
	}
	query, args, err := sqlx.In(selectOrders, all, branches, f.BranchID, f.BranchID, f.Status, f.Status, at, at, id, f.Limit+1)
	if err != nil {
		return nil, err
	}
	out := []Order{}
	return out, db.Select(ctx, s.db.R, &out, query, args...)
}
