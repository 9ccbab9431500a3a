package inventory

import (
	"context"
	"errors"
	"regexp"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Location reads one stock location.
func (s *Service) Location(ctx context.Context, q db.Q, id string) (Location, error) {
	l, err := s.store.location(ctx, q, id)
	if errors.Is(err, db.ErrNotFound) {
		return Location{}, ErrLocationNotFound
	}
	return l, err
}

// Locations lists a branch's active locations; parents are named by ParentID.
func (s *Service) Locations(ctx context.Context, branchID string) ([]Location, error) {
	return s.store.locations(ctx, branchID)
}

// CreateLocation adds a place to a branch's tree: its parent must be in the same branch,
// and a branch has one default clinical location and a chair one location.
func (s *Service) CreateLocation(ctx context.Context, l Location) (Location, error) {
	if err := s.checkPlace(ctx, l); err != nil {
		return Location{}, err
	}
	l.ID, l.Active, l.CreatedAt = newID(), true, s.Now()
	err := s.store.insertLocation(ctx, s.deps.DB.W, l)
	switch {
	case errors.Is(err, db.ErrConflict) && l.ChairID != nil:
		return Location{}, fault.Field("chair_id", "taken", "this chair has a location already")
	case errors.Is(err, db.ErrConflict):
		return Location{}, fault.Field("clinical_default", "taken", "the branch has a default clinical location already")
	}
	return l, err
}

// checkPlace holds a new location to its branch: the branch exists, and its parent
// and chair are the branch's own.
func (s *Service) checkPlace(ctx context.Context, l Location) error {
	if _, err := s.deps.Dir.Branch(ctx, l.BranchID); err != nil {
		return fault.Field("branch_id", "not_found", "no branch you may see has this id")
	}
	if l.ParentID != nil {
		p, err := s.Location(ctx, s.deps.DB.R, *l.ParentID)
		if err != nil || p.BranchID != l.BranchID {
			return fault.Field("parent_id", "not_found", "no location of this branch has this id")
		}
	}
	if l.ChairID != nil {
		c, err := s.deps.Dir.Chair(ctx, *l.ChairID)
		if err != nil || c.BranchID != l.BranchID {
			return fault.Field("chair_id", "not_found", "no chair of this branch has this id")
		}
	}
	return nil
}

// SetLevel sets an item's par, reorder and critical levels at a location.
func (s *Service) SetLevel(ctx context.Context, l Level) (Level, error) {
	if _, err := s.Item(ctx, s.deps.DB.R, l.ItemID); err != nil {
		return Level{}, err
	}
	if _, err := s.visibleLocation(ctx, s.deps.DB.R, l.LocationID, "location_id"); err != nil {
		return Level{}, err
	}
	if l.Critical > l.Reorder || l.Reorder > l.Par {
		return Level{}, fault.Field("reorder_point", "order", "critical ≤ reorder point ≤ par level")
	}
	return l, s.store.upsertLevel(ctx, s.deps.DB.W, l)
}

// Levels lists an item's levels at every location that has them.
func (s *Service) Levels(ctx context.Context, itemID string) ([]Level, error) {
	return s.store.levels(ctx, itemID)
}

var isoDate = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`)

// EnsureLot finds or makes the lot a receipt names, holding the item's rules: a number
// where lots are tracked, an expiry date where expiry is; field prefixes the errors
// ("lines[0]"). Untracked parts are dropped, so untracked stock stays in one lot.
func (s *Service) EnsureLot(ctx context.Context, q db.Q, item Item, number, expiresOn, field string) (Lot, error) {
	if !item.LotTracked {
		number = ""
	}
	if !item.ExpiryTracked {
		expiresOn = ""
	}
	if err := checkLot(item, number, expiresOn, prefix(field)); err != nil {
		return Lot{}, err
	}
	return s.store.ensureLot(ctx, q, Lot{ID: newID(), ItemID: item.ID, Number: number, ExpiresOn: expiresOn,
		CreatedAt: s.Now()})
}

func checkLot(item Item, number, expiresOn, p string) error {
	switch {
	case item.LotTracked && number == "":
		return fault.Field(p+"lot_number", "required", item.Name+" is tracked by lot: the lot number is required")
	case item.ExpiryTracked && expiresOn == "":
		return fault.Field(p+"expires_on", "required", item.Name+" is tracked by expiry: the expiry date is required")
	case expiresOn != "" && !isoDate.MatchString(expiresOn):
		return fault.Field(p+"expires_on", "date", "must be a date YYYY-MM-DD")
	}
	return nil
}

// Lot reads one lot.
func (s *Service) Lot(ctx context.Context, q db.Q, id string) (Lot, error) {
	l, err := s.store.lot(ctx, q, id)
	if errors.Is(err, db.ErrNotFound) {
		return Lot{}, ErrLotNotFound
	}
	return l, err
}

// OnHand lists an item's lots at a location with stock, first expiring first.
func (s *Service) OnHand(ctx context.Context, q db.Q, itemID, locationID string) ([]StockRow, error) {
	return s.store.fefo(ctx, q, itemID, locationID)
}

// LastSeq is the ledger's newest move number: a count's snapshot.
func (s *Service) LastSeq(ctx context.Context, q db.Q) (int64, error) { return s.store.lastSeq(ctx, q) }

func prefix(field string) string {
	if field == "" {
		return ""
	}
	return field + "."
}
