package inventory

import (
	"context"
	"slices"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// applyImport writes a checked plan inside tx: items, then suppliers and their
// offers, levels, and the opening stock as receipts sharing the import's id.
func (s *Service) applyImport(ctx context.Context, tx db.Tx, p importPlan) (ImportResult, error) {
	res := ImportResult{ImportID: newID(), Items: len(p.items), Levels: len(p.levels)}
	items := map[string]Item{}
	for _, i := range p.items {
		got, err := s.CreateItem(ctx, tx, i)
		if err != nil {
			return res, err
		}
		items[i.SKU] = got
	}
	added, err := s.importSources(ctx, tx, p, items)
	if err != nil {
		return res, err
	}
	res.Suppliers = added
	for _, l := range p.levels {
		l.ItemID = items[l.sku].ID
		if err := s.store.upsertLevel(ctx, tx, l.Level); err != nil {
			return res, err
		}
	}
	res.Receipts, res.Units, err = s.importStock(ctx, tx, p, items, res.ImportID)
	return res, err
}

// importSources adds the suppliers the clinic lacks and each item's offers; an
// item's first offer in the file is its preferred one.
func (s *Service) importSources(ctx context.Context, tx db.Tx, p importPlan, items map[string]Item) (int, error) {
	added, preferred := 0, map[string]bool{}
	for _, x := range p.sources {
		id, ok := p.suppliers[x.supplier]
		if !ok {
			sp, err := s.addSupplier(ctx, tx, x.supplier, p.branch.Locale)
			if err != nil {
				return added, err
			}
			id, p.suppliers[x.supplier] = sp.ID, sp.ID
			added++
		}
		x.ItemID, x.SupplierID, x.Preferred = items[x.sku].ID, id, !preferred[x.sku]
		preferred[x.sku] = true
		if err := s.store.addSource(ctx, tx, x.Source); err != nil {
			return added, err
		}
	}
	return added, nil
}

// supplierLocales are the languages a supplier may be written to in.
var supplierLocales = []string{"en", "ru", "pl", "sv"}

func (s *Service) addSupplier(ctx context.Context, q db.Q, name, locale string) (Supplier, error) {
	if !slices.Contains(supplierLocales, locale) {
		locale = "en"
	}
	now := s.Now()
	sp := Supplier{ID: newID(), Name: name, Locale: locale, Active: true, CreatedAt: now, UpdatedAt: now}
	return sp, s.store.addSupplier(ctx, q, sp)
}

// importStock posts the opening stock: one receipt per row, into the row's lot.
func (s *Service) importStock(ctx context.Context, tx db.Tx, p importPlan, items map[string]Item, importID string) (int, int64, error) {
	lines := make([]Line, 0, len(p.receipts))
	var units int64
	for _, r := range p.receipts {
		item := items[r.sku]
		lot, err := s.EnsureLot(ctx, tx, item, r.lot, r.expiresOn, "")
		if err != nil {
			return 0, 0, err
		}
		to := r.locationID
		lines = append(lines, Line{ItemID: item.ID, LotID: lot.ID, To: &to, Quantity: r.quantity, Reason: Receipt,
			SourceKind: FromImport, SourceID: importID, Note: "opening stock, line " + itoa(int64(r.line))})
		units += r.quantity
	}
	if len(lines) == 0 {
		return 0, 0, nil
	}
	_, err := s.Post(ctx, tx, lines...)
	return len(lines), units, err
}
