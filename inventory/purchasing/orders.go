package purchasing

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// CreateOrder makes a draft order for a branch from a supplier: its lines as given, or
// the branch's suggestion for this supplier and location.
func (s *Service) CreateOrder(ctx context.Context, in OrderInput) (Order, error) {
	b, err := s.branch(ctx, in.BranchID)
	if err != nil {
		return Order{}, err
	}
	sp, err := s.supplier(ctx, in.SupplierID)
	if err != nil {
		return Order{}, err
	}
	if err := s.checkLocation(ctx, b.ID, in.LocationID); err != nil {
		return Order{}, err
	}
	if in.FromSuggestion {
		if in.Lines, err = s.suggested(ctx, b.ID, sp.ID, in.LocationID); err != nil {
			return Order{}, err
		}
	}
	lines, currency, err := s.priced(ctx, sp.ID, b.Currency, in.Lines)
	if err != nil {
		return Order{}, err
	}
	now := s.inv.Now()
	o := Order{ID: newID(), BranchID: b.ID, SupplierID: sp.ID, LocationID: in.LocationID, Status: Draft,
		Currency: currency, Note: in.Note, CreatedBy: staffOf(ctx), CreatedAt: now, UpdatedAt: now}
	err = s.inv.DB().InTx(ctx, func(tx db.Tx) error {
		if o.Number, err = s.number(ctx, tx, b, now); err != nil {
			return err
		}
		if err := s.store.insertOrder(ctx, tx, o); err != nil {
			return err
		}
		return s.store.replaceLines(ctx, tx, o.ID, lines)
	})
	if err != nil {
		return Order{}, err
	}
	return s.Order(ctx, o.ID)
}

// number is the next order number of the year the branch is in now: PO/2026/000123.
func (s *Service) number(ctx context.Context, tx db.Tx, b clinic.Branch, now time.Time) (string, error) {
	year := now.Year()
	if loc, err := time.LoadLocation(b.TimeZone); err == nil {
		year = now.In(loc).Year()
	}
	n, err := s.store.nextNumber(ctx, tx, year)
	return fmt.Sprintf("PO/%d/%06d", year, n), err
}

// EditOrder replaces a draft's lines, note and receiving location.
func (s *Service) EditOrder(ctx context.Context, id string, in OrderInput) (Order, error) {
	o, err := s.visibleOrder(ctx, s.inv.DB().R, id)
	if err != nil {
		return Order{}, err
	}
	if o.Status != Draft {
		return Order{}, ErrNotDraft
	}
	if err := s.checkLocation(ctx, o.BranchID, in.LocationID); err != nil {
		return Order{}, err
	}
	b, err := s.branch(ctx, o.BranchID)
	if err != nil {
		return Order{}, err
	}
	lines, currency, err := s.priced(ctx, o.SupplierID, b.Currency, in.Lines)
	if err != nil {
		return Order{}, err
	}
	o.LocationID, o.Note, o.Currency, o.UpdatedAt = in.LocationID, in.Note, currency, s.inv.Now()
	err = s.inv.DB().InTx(ctx, func(tx db.Tx) error {
		if err := s.store.updateDraft(ctx, tx, o); err != nil {
			return s.exists(ctx, tx, id, ErrNotDraft)
		}
		return s.store.replaceLines(ctx, tx, o.ID, lines)
	})
	if err != nil {
		return Order{}, err
	}
	return s.Order(ctx, id)
}

// CancelOrder closes an order that is not fully received: what arrived stays in stock,
// what did not is no longer expected.
func (s *Service) CancelOrder(ctx context.Context, id string) (Order, error) {
	if _, err := s.visibleOrder(ctx, s.inv.DB().R, id); err != nil {
		return Order{}, err
	}
	if err := s.store.markCancelled(ctx, id, s.inv.Now()); err != nil {
		return Order{}, s.exists(ctx, s.inv.DB().R, id, ErrNotCancellable)
	}
	return s.Order(ctx, id)
}

// Order reads an order with its lines, item names in the branch's language.
func (s *Service) Order(ctx context.Context, id string) (Order, error) {
	return s.orderOn(ctx, s.inv.DB().R, id)
}

func (s *Service) orderOn(ctx context.Context, q db.Q, id string) (Order, error) {
	o, err := s.visibleOrder(ctx, q, id)
	if err != nil {
		return Order{}, err
	}
	if o.Lines, err = s.store.lines(ctx, q, id); err != nil {
		return Order{}, err
	}
	b, err := s.inv.Branch(ctx, o.BranchID)
	for i, l := range o.Lines {
		o.Lines[i].ItemName = nameIn(l.ItemName, l.Names, b.Locale)
	}
	return o, err
}

// supplier reads an active supplier named by the request's supplier_id.
func (s *Service) supplier(ctx context.Context, id string) (inventory.Supplier, error) {
	sp, err := s.inv.Supplier(ctx, s.inv.DB().R, id)
	if errors.Is(err, inventory.ErrSupplierNotFound) || err == nil && !sp.Active {
		return sp, fault.Field("supplier_id", "not_found", "no active supplier has this id")
	}
	return sp, err
}

// checkLocation: goods are received into an active location of the order's branch.
func (s *Service) checkLocation(ctx context.Context, branchID, id string) error {
	l, err := s.inv.Location(ctx, s.inv.DB().R, id)
	if errors.Is(err, inventory.ErrLocationNotFound) || err == nil && (l.BranchID != branchID || !l.Active) {
		return fault.Field("location_id", "not_found", "no active stock location of this branch has this id")
	}
	return err
}

// suggested turns the branch's suggestion for a supplier and location into lines.
func (s *Service) suggested(ctx context.Context, branchID, supplierID, locationID string) ([]LineInput, error) {
	sg, err := s.Suggest(ctx, branchID)
	if err != nil {
		return nil, err
	}
	var out []LineInput
	for _, o := range sg.Orders {
		if o.SupplierID != supplierID || o.LocationID != locationID {
			continue
		}
		for _, l := range o.Lines {
			price := l.PackPriceMinor
			out = append(out, LineInput{ItemID: l.ItemID, Packs: l.Packs, PackPriceMinor: &price})
		}
	}
	if len(out) == 0 {
		return nil, ErrNothingToOrder
	}
	return out, nil
}
