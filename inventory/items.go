package inventory

import (
	"context"
	"errors"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// ItemFilter narrows the item list; Limit is a page's size.
type ItemFilter struct {
	Category string
	Board    string
	Inactive bool
	Limit    int
}

// Item reads one item.
func (s *Service) Item(ctx context.Context, q db.Q, id string) (Item, error) {
	i, err := s.store.item(ctx, q, id)
	if errors.Is(err, db.ErrNotFound) {
		return Item{}, ErrItemNotFound
	}
	return i, err
}

// Items lists items by name, a page after (afterName, afterID); more says another page follows.
func (s *Service) Items(ctx context.Context, f ItemFilter, afterName, afterID string) (items []Item, more bool, err error) {
	items, err = s.store.items(ctx, f, afterName, afterID)
	if len(items) > f.Limit {
		return items[:f.Limit], true, err
	}
	return items, false, err
}

// CreateItem adds an item to the catalogue; q lets an import add many in one transaction.
func (s *Service) CreateItem(ctx context.Context, q db.Q, i Item) (Item, error) {
	now := s.Now()
	i.ID, i.Active, i.CreatedAt, i.UpdatedAt = newID(), true, now, now
	err := s.store.insertItem(ctx, q, i)
	if errors.Is(err, db.ErrConflict) {
		return Item{}, ErrSkuTaken
	}
	return i, err
}

// UpdateItem changes an item's description; its stock and history stay as they are.
func (s *Service) UpdateItem(ctx context.Context, i Item) (Item, error) {
	old, err := s.Item(ctx, s.deps.DB.R, i.ID)
	if err != nil {
		return Item{}, err
	}
	i.CreatedAt, i.UpdatedAt = old.CreatedAt, s.Now()
	err = s.store.updateItem(ctx, i)
	if errors.Is(err, db.ErrConflict) {
		return Item{}, ErrSkuTaken
	}
	return i, err
}

// Suppliers lists every supplier by name.
func (s *Service) Suppliers(ctx context.Context) ([]Supplier, error) { return s.store.suppliers(ctx) }

// Supplier reads one supplier.
func (s *Service) Supplier(ctx context.Context, q db.Q, id string) (Supplier, error) {
	sp, err := s.store.supplier(ctx, q, id)
	if errors.Is(err, db.ErrNotFound) {
		return Supplier{}, ErrSupplierNotFound
	}
	return sp, err
}

// CreateSupplier adds a supplier.
func (s *Service) CreateSupplier(ctx context.Context, sp Supplier) (Supplier, error) {
	now := s.Now()
	sp.ID, sp.Active, sp.CreatedAt, sp.UpdatedAt = newID(), true, now, now
	return sp, s.store.insertSupplier(ctx, sp)
}

// Sources lists who sells an item, preferred and cheapest first.
func (s *Service) Sources(ctx context.Context, q db.Q, itemID string) ([]Source, error) {
	return s.store.sources(ctx, q, itemID)
}

// SetSources replaces who sells an item, at most one of them preferred; an unknown
// supplier is named by its index.
func (s *Service) SetSources(ctx context.Context, itemID string, src []Source) ([]Source, error) {
	if _, err := s.Item(ctx, s.deps.DB.R, itemID); err != nil {
		return nil, err
	}
	preferred := 0
	for _, x := range src {
		if x.Preferred {
			preferred++
		}
	}
	if preferred > 1 {
		return nil, fault.Field("suppliers", "preferred", "at most one supplier is preferred")
	}
	err := s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		for i, x := range src {
			if _, err := s.Supplier(ctx, tx, x.SupplierID); err != nil {
				return fault.Field("suppliers["+itoa(int64(i))+"].supplier_id", "not_found", "no supplier has this id")
			}
		}
		return s.store.replaceSources(ctx, tx, itemID, src)
	})
	if err != nil {
		return nil, err
	}
	return s.Sources(ctx, s.deps.DB.R, itemID)
}
