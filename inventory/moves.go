package inventory

import (
	"cmp"
	"context"
	"errors"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// ReceiptLine is one lot arriving: Quantity units of an item, with its lot number and
// expiry where the item tracks them.
type ReceiptLine struct {
	ItemID    string
	Quantity  int64
	LotNumber string
	ExpiresOn string
}

// Receive books goods arriving at a location outside a purchase order (a gift, a
// first stock): every line or none.
func (s *Service) Receive(ctx context.Context, locationID, note string, lines []ReceiptLine) ([]Move, error) {
	var out []Move
	err := s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		if _, err := s.visibleLocation(ctx, tx, locationID, "location_id"); err != nil {
			return err
		}
		for i, rl := range lines {
			m, err := s.receiveLine(ctx, tx, locationID, note, rl, "lines["+itoa(int64(i))+"]")
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		return nil
	})
	return out, err
}

func (s *Service) receiveLine(ctx context.Context, tx db.Tx, loc, note string, rl ReceiptLine, field string) (Move, error) {
	item, err := s.activeItem(ctx, tx, rl.ItemID, field+".item_id")
	if err != nil {
		return Move{}, err
	}
	lot, err := s.EnsureLot(ctx, tx, item, rl.LotNumber, rl.ExpiresOn, field)
	if err != nil {
		return Move{}, err
	}
	ms, err := s.Post(ctx, tx, Line{ItemID: item.ID, LotID: lot.ID, To: &loc, Quantity: rl.Quantity, Reason: Receipt,
		SourceKind: FromManual, Note: note, Field: field + ".quantity"})
	if err != nil {
		return Move{}, err
	}
	return ms[0], nil
}

// MoveInput is a move the staff record by hand: a transfer, waste, a return to the
// supplier, a consumption outside a visit, or a correction.
type MoveInput struct {
	ItemID        string
	LotID         string
	From, To      *string
	Quantity      int64
	Reason        string
	AppointmentID *string
	Note          string
}

// Record posts a hand-made move after checking its shape fits its reason.
func (s *Service) Record(ctx context.Context, in MoveInput) (Move, error) {
	if err := checkShape(in); err != nil {
		return Move{}, err
	}
	if in.AppointmentID != nil {
		if _, err := s.visibleVisit(ctx, *in.AppointmentID); err != nil {
			return Move{}, fault.Field("appointment_id", "not_found", "no visit you may see has this id")
		}
	}
	if err := s.store.prepare(ctx); err != nil {
		return Move{}, err
	}
	var out Move
	err := s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		if err := s.checkMoveRefs(ctx, tx, in); err != nil {
			return err
		}
		ms, err := s.Post(ctx, tx, Line{ItemID: in.ItemID, LotID: in.LotID, From: in.From, To: in.To,
			Quantity: in.Quantity, Reason: in.Reason, SourceKind: FromManual, AppointmentID: in.AppointmentID,
			Note: in.Note})
		if err == nil {
			out = ms[0]
		}
		return err
	})
	return out, err
}

// checkShape holds which locations each reason moves between.
func checkShape(in MoveInput) error {
	switch {
	case in.Reason == Transfer && (in.From == nil || in.To == nil):
		return fault.Field("to_location_id", "required", "a transfer names both locations")
	case in.Reason == Transfer && *in.From == *in.To:
		return fault.Field("to_location_id", "same", "a transfer goes to another location")
	case (in.Reason == Waste || in.Reason == Return || in.Reason == Consumption) && in.From == nil:
		return fault.Field("from_location_id", "required", "stock leaves a location")
	case (in.Reason == Waste || in.Reason == Return || in.Reason == Consumption) && in.To != nil:
		return fault.Field("to_location_id", "forbidden", "stock that leaves the clinic goes to no location")
	case in.Reason == Correction && (in.From == nil) == (in.To == nil):
		return fault.Field("from_location_id", "required", "a correction names one location: from (less) or to (more)")
	}
	return nil
}

func (s *Service) checkMoveRefs(ctx context.Context, tx db.Tx, in MoveInput) error {
	if _, err := s.activeItem(ctx, tx, in.ItemID, "item_id"); err != nil {
		return err
	}
	lot, err := s.Lot(ctx, tx, in.LotID)
	if err != nil || lot.ItemID != in.ItemID {
		return fault.Field("lot_id", "not_found", "no lot of this item has this id")
	}
	for _, place := range []struct {
		field string
		id    *string
	}{{"from_location_id", in.From}, {"to_location_id", in.To}} {
		if place.id == nil {
			continue
		}
		if _, err := s.visibleLocation(ctx, tx, *place.id, place.field); err != nil {
			return err
		}
	}
	return nil
}

// Reverse undoes a move by a new one going the other way; the original stays. A move
// is reversed once, and a reversal is not itself reversed (post a new move instead).
func (s *Service) Reverse(ctx context.Context, id, note string) (Move, error) {
	var out Move
	err := s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		m, err := s.reversible(ctx, tx, id)
		if err != nil {
			return err
		}
		ms, err := s.Post(ctx, tx, Line{ItemID: m.ItemID, LotID: m.LotID, From: m.To, To: m.From, Quantity: m.Quantity,
			Reason: Correction, SourceKind: FromReversal, SourceID: m.ID, AppointmentID: m.AppointmentID,
			ReversesID: &m.ID, Note: note})
		if err == nil {
			out = ms[0]
		}
		return err
	})
	return out, err
}

// reversible reads a move the staff member may undo: one of their branches', not a
// reversal itself, not reversed yet.
func (s *Service) reversible(ctx context.Context, tx db.Tx, id string) (Move, error) {
	m, err := s.store.move(ctx, tx, id)
	if errors.Is(err, db.ErrNotFound) {
		return Move{}, ErrMoveNotFound
	}
	if err != nil {
		return Move{}, err
	}
	for _, place := range []*string{m.From, m.To} {
		if place != nil {
			if _, err := s.visibleLocation(ctx, tx, *place, "id"); err != nil {
				return Move{}, ErrMoveNotFound
			}
		}
	}
	if m.ReversesID != nil {
		return Move{}, ErrReversal
	}
	if done, err := s.store.reversed(ctx, tx, m.ID); err != nil || done {
		return Move{}, cmp.Or(err, error(ErrAlreadyReversed))
	}
	return m, nil
}

func (s *Service) activeItem(ctx context.Context, q db.Q, id, field string) (Item, error) {
	item, err := s.Item(ctx, q, id)
	if errors.Is(err, ErrItemNotFound) {
		return Item{}, fault.Field(field, "not_found", "no item has this id")
	}
	if err == nil && !item.Active {
		return Item{}, fault.Field(field, "inactive", item.Name+" is no longer in use")
	}
	return item, err
}

// visibleLocation reads a location the signed-in staff member's branches include.
func (s *Service) visibleLocation(ctx context.Context, q db.Q, id, field string) (Location, error) {
	l, err := s.Location(ctx, q, id)
	if errors.Is(err, ErrLocationNotFound) || (err == nil && !actor.From(ctx).CanSeeBranch(l.BranchID)) {
		return Location{}, fault.Field(field, "not_found", "no stock location you may use has this id")
	}
	return l, err
}
