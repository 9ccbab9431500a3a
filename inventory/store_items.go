package inventory

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

const itemColumns = `id, sku, name, names, category, unit, pack_unit, pack_size, board, lot_tracked,
	expiry_tracked, active, created_at, updated_at`

const selectItem = `SELECT ` + itemColumns + ` FROM inventory_items WHERE id = ?`

func (s store) item(ctx context.Context, q db.Q, id string) (Item, error) {
	var i Item
	err := db.Get(ctx, q, &i, selectItem, id)
	decodeNames(&i)
	return i, err
}

const selectItems = `SELECT ` + itemColumns + ` FROM inventory_items
	WHERE (? = '' OR category = ?) AND (? = '' OR board = ?) AND (? OR active)
	AND (? = '' OR name > ? OR (name = ? AND id > ?))
	ORDER BY name, id LIMIT ?`

func (s store) items(ctx context.Context, f ItemFilter, afterName, afterID string) ([]Item, error) {
	out := []Item{}
	err := db.Select(ctx, s.db.R, &out, selectItems, f.Category, f.Category, f.Board, f.Board, f.Inactive,
		afterID, afterName, afterName, orNull(afterID), f.Limit+1)
	for i := range out {
		decodeNames(&out[i])
	}
	return out, err
}

const insertItem = `INSERT INTO inventory_items (id, sku, name, names, category, unit, pack_unit, pack_size, board,
	lot_tracked, expiry_tracked, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func (s store) insertItem(ctx context.Context, q db.Q, i Item) error {
	return db.Exec(ctx, q, insertItem, i.ID, i.SKU, i.Name, encodeNames(i.Names), i.Category, i.Unit, i.PackUnit,
		i.PackSize, i.Board, i.LotTracked, i.ExpiryTracked, i.Active, i.CreatedAt, i.UpdatedAt)
}

const updateItem = `UPDATE inventory_items SET sku = ?, name = ?, names = ?, category = ?, unit = ?, pack_unit = ?,
	pack_size = ?, board = ?, lot_tracked = ?, expiry_tracked = ?, active = ?, updated_at = ? WHERE id = ?`

func (s store) updateItem(ctx context.Context, i Item) error {
	return db.ExecOne(ctx, s.db.W, updateItem, i.SKU, i.Name, encodeNames(i.Names), i.Category, i.Unit, i.PackUnit,
		i.PackSize, i.Board, i.LotTracked, i.ExpiryTracked, i.Active, i.UpdatedAt, i.ID)
}

const supplierColumns = `id, name, email, phone, locale, active, created_at, updated_at`

const selectSupplier = `SELECT ` + supplierColumns + ` FROM suppliers WHERE id = ?`

func (s store) supplier(ctx context.Context, q db.Q, id string) (Supplier, error) {
	var sp Supplier
	return sp, db.Get(ctx, q, &sp, selectSupplier, id)
}

const selectSuppliers = `SELECT ` + supplierColumns + ` FROM suppliers ORDER BY name, id`

func (s store) suppliers(ctx context.Context) ([]Supplier, error) {
	out := []Supplier{}
	return out, db.Select(ctx, s.db.R, &out, selectSuppliers)
}

const insertSupplier = `INSERT INTO suppliers (id, name, email, phone, locale, active, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

func (s store) insertSupplier(ctx context.Context, sp Supplier) error {
	return db.Exec(ctx, s.db.W, insertSupplier, sp.ID, sp.Name, sp.Email, sp.Phone, sp.Locale, sp.Active,
		sp.CreatedAt, sp.UpdatedAt)
}

const selectSources = `SELECT x.item_id, x.supplier_id, p.name AS supplier_name, x.catalogue_number,
	x.pack_price_minor, x.currency, x.lead_days, x.preferred
	FROM item_suppliers x JOIN suppliers p ON p.id = x.supplier_id WHERE x.item_id = ?
	ORDER BY x.preferred DESC, x.pack_price_minor, p.name`

func (s store) sources(ctx context.Context, q db.Q, itemID string) ([]Source, error) {
	out := []Source{}
	return out, db.Select(ctx, q, &out, selectSources, itemID)
}

const deleteSources = `DELETE FROM item_suppliers WHERE item_id = ?`

const insertSource = `INSERT INTO item_suppliers (item_id, supplier_id, catalogue_number, pack_price_minor,
	currency, lead_days, preferred) VALUES (?, ?, ?, ?, ?, ?, ?)`

func (s store) replaceSources(ctx context.Context, tx db.Tx, itemID string, src []Source) error {
	if err := db.Exec(ctx, tx, deleteSources, itemID); err != nil {
		return err
	}
	for _, x := range src {
		err := db.Exec(ctx, tx, insertSource, itemID, x.SupplierID, x.CatalogueNumber, x.PackPriceMinor,
			x.Currency, x.LeadDays, x.Preferred)
		if err != nil {
			return err
		}
	}
	return nil
}
