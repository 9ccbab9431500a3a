package inventory

import (
	"context"
	"errors"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// ErrVisitNotFound answers a visit that does not exist or is in a branch the staff
// member does not work at.
var ErrVisitNotFound = fault.New(fault.NotFound, "visit_not_found", "no visit you may see has this id")

// Actual is what a visit really used of an item; LotID names the lot when the doctor
// knows it (and may then be expired, on purpose: AllowExpired).
type Actual struct {
	ItemID       string
	Quantity     int64
	LotID        string
	AllowExpired bool
}

// VisitMaterials lists what a visit has used, per lot, net of corrections.
func (s *Service) VisitMaterials(ctx context.Context, visitID string) ([]VisitLot, error) {
	if _, err := s.visibleVisit(ctx, visitID); err != nil {
		return nil, err
	}
	return s.store.visitLots(ctx, s.deps.DB.R, visitID)
}

// RecordActual sets what a visit really used of some items: the difference to what it
// has used so far leaves the visit's location (or goes back to the lots it came from)
// as correction moves. Items not named stay as they are. It also claims the visit's
// consumption, so a completion processed later does not take the plan's amounts again.
func (s *Service) RecordActual(ctx context.Context, visitID string, actual []Actual) ([]VisitLot, error) {
	v, err := s.visibleVisit(ctx, visitID)
	if err != nil {
		return nil, err
	}
	today, err := s.localDate(ctx, v.BranchID, 0)
	if err != nil {
		return nil, err
	}
	err = s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		loc, err := s.consumptionPlace(ctx, tx, v)
		if err != nil {
			return err
		}
		used, err := s.store.visitLots(ctx, tx, v.ID)
		if err != nil {
			return err
		}
		for i, a := range actual {
			if err := s.settle(ctx, tx, v.ID, loc, a, used, today, "items["+itoa(int64(i))+"]"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.store.visitLots(ctx, s.deps.DB.R, visitID)
}

func (s *Service) visibleVisit(ctx context.Context, id string) (visit.Visit, error) {
	if s.deps.Visits == nil {
		return visit.Visit{}, ErrVisitNotFound
	}
	v, err := s.deps.Visits.Get(ctx, id)
	if err != nil || !actor.From(ctx).CanSeeBranch(v.BranchID) {
		return visit.Visit{}, ErrVisitNotFound
	}
	return v, nil
}

// consumptionPlace is where the visit's materials left from, claiming the visit's
// consumption when nothing has left yet.
func (s *Service) consumptionPlace(ctx context.Context, tx db.Tx, v visit.Visit) (string, error) {
	loc, err := s.store.consumedAt(ctx, tx, v.ID)
	if !errors.Is(err, db.ErrNotFound) {
		return loc, err
	}
	l, err := s.store.visitLocation(ctx, tx, v.BranchID, v.ChairID)
	if errors.Is(err, db.ErrNotFound) {
		return "", fault.New(fault.Conflict, "no_clinical_location", "the branch has no location for this chair and no default clinical location")
	}
	if err != nil {
		return "", err
	}
	_, err = s.store.markConsumed(ctx, tx, v.ID, l.ID, s.Now())
	return l.ID, err
}

// settle posts the difference between what was used of one item and what really was.
func (s *Service) settle(ctx context.Context, tx db.Tx, visitID, loc string, a Actual, used []VisitLot, today, field string) error {
	item, err := s.activeItem(ctx, tx, a.ItemID, field+".item_id")
	if err != nil {
		return err
	}
	so := int64(0)
	for _, u := range used {
		if u.ItemID == a.ItemID {
			so += u.Quantity
		}
	}
	switch {
	case a.Quantity > so:
		return s.useMore(ctx, tx, visitID, loc, item, a, a.Quantity-so, today, field)
	case a.Quantity < so:
		return s.putBack(ctx, tx, visitID, loc, a.ItemID, so-a.Quantity, used)
	}
	return nil
}

func (s *Service) useMore(ctx context.Context, tx db.Tx, visitID, loc string, item Item, a Actual, more int64, today,
	field string) error {
	if a.LotID == "" {
		short, err := s.consumeFEFO(ctx, tx, visitID, loc, Material{ItemID: a.ItemID, Quantity: more}, today)
		if err == nil && short > 0 {
			return Insufficient(item, field+".quantity", more-short)
		}
		return err
	}
	lot, err := s.Lot(ctx, tx, a.LotID)
	if err != nil || lot.ItemID != a.ItemID {
		return fault.Field(field+".lot_id", "not_found", "no lot of this item has this id")
	}
	if lot.ExpiresOn != "" && lot.ExpiresOn < today && !a.AllowExpired {
		return fault.Field(field+".lot_id", "expired", "this lot expired on "+lot.ExpiresOn+"; set allow_expired to record it anyway")
	}
	_, err = s.Post(ctx, tx, Line{ItemID: a.ItemID, LotID: lot.ID, From: &loc, Quantity: more, Reason: Correction,
		SourceKind: FromVisit, SourceID: visitID, AppointmentID: &visitID, Field: field + ".quantity"})
	return err
}

// putBack returns unused units to the lots the visit took them from, latest expiry first.
func (s *Service) putBack(ctx context.Context, tx db.Tx, visitID, loc, itemID string, back int64, used []VisitLot) error {
	for _, u := range used {
		if u.ItemID != itemID || u.Quantity <= 0 || back == 0 {
			continue
		}
		n := min(u.Quantity, back)
		_, err := s.Post(ctx, tx, Line{ItemID: itemID, LotID: u.LotID, To: &loc, Quantity: n, Reason: Correction,
			SourceKind: FromVisit, SourceID: visitID, AppointmentID: &visitID})
		if err != nil {
			return err
		}
		back -= n
	}
	return nil
}
