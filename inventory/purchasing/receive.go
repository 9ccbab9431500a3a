package purchasing

import (
	"context"
	"errors"
	"strconv"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// Receipt is what one delivery did: the order as it now stands and the ledger's moves.
type Receipt struct {
	Order Order            `json:"order"`
	Moves []inventory.Move `json:"moves"`
}

// Receive books a delivery against a sent order in one transaction: each line's units
// arrive at the order's location as a receipt move of their lot (several lots per
// order line are fine), the lines' received units grow under a guard that never lets
// them pass what was ordered, and the order becomes partly received or received.
// Parallel deliveries of one order queue on its row, so none can over-receive.
func (s *Service) Receive(ctx context.Context, id string, in []ReceiptLine) (Receipt, error) {
	if _, err := s.visibleOrder(ctx, s.inv.DB().R, id); err != nil {
		return Receipt{}, err
	}
	if len(in) == 0 {
		return Receipt{}, fault.Field("lines", "required", "a receipt needs at least one line")
	}
	var out Receipt
	err := s.inv.DB().InTx(ctx, func(tx db.Tx) error {
		now := s.inv.Now()
		if err := s.store.lockReceivable(ctx, tx, id, now); err != nil {
			return s.exists(ctx, tx, id, ErrNotReceivable)
		}
		o, err := s.orderOn(ctx, tx, id)
		if err != nil {
			return err
		}
		for i, r := range in {
			m, err := s.receiveLine(ctx, tx, o, i, r)
			if err != nil {
				return err
			}
			out.Moves = append(out.Moves, m)
		}
		if err := s.store.settle(ctx, tx, id, now); err != nil {
			return err
		}
		out.Order, err = s.orderOn(ctx, tx, id)
		return err
	})
	return out, err
}

// receiveLine books one receipt line: its lot, the guarded count, the move.
func (s *Service) receiveLine(ctx context.Context, tx db.Tx, o Order, i int, r ReceiptLine) (inventory.Move, error) {
	line, ok := lineOf(o, r.LineID)
	if !ok {
		return inventory.Move{}, fault.Field(field("lines", i, "line_id"), "not_found", "this order has no line with this id")
	}
	if r.Quantity < 1 {
		return inventory.Move{}, fault.Field(field("lines", i, "quantity"), "range", "must be a whole number of units above zero")
	}
	lot, err := s.lot(ctx, tx, line.ItemID, i, r)
	if err != nil {
		return inventory.Move{}, err
	}
	err = s.store.receiveUnits(ctx, tx, o.ID, line.ID, r.Quantity)
	if errors.Is(err, db.ErrNotFound) {
		return inventory.Move{}, overReceipt(ctx, tx, s, o.ID, line, i)
	}
	if err != nil {
		return inventory.Move{}, err
	}
	moves, err := s.inv.Post(ctx, tx, inventory.Line{ItemID: line.ItemID, LotID: lot.ID, To: &o.LocationID,
		Quantity: r.Quantity, Reason: inventory.Receipt, SourceKind: inventory.FromOrderLine, SourceID: line.ID,
		Note: o.Number, Field: field("lines", i, "quantity")})
	if err != nil {
		return inventory.Move{}, err
	}
	return moves[0], nil
}

// lot is the lot a receipt line names: an existing lot of the item, or the one its
// number and expiry make (the item's tracking rules decide what is required).
func (s *Service) lot(ctx context.Context, tx db.Tx, itemID string, i int, r ReceiptLine) (inventory.Lot, error) {
	if r.LotID != "" && (r.LotNumber != "" || r.ExpiresOn != "") {
		return inventory.Lot{}, fault.Field(field("lines", i, "lot_id"), "excluded",
			"name an existing lot or give a lot number and expiry, not both")
	}
	if r.LotID != "" {
		lot, err := s.inv.Lot(ctx, tx, r.LotID)
		if errors.Is(err, inventory.ErrLotNotFound) || err == nil && lot.ItemID != itemID {
			return lot, fault.Field(field("lines", i, "lot_id"), "not_found", "no lot of this line's item has this id")
		}
		return lot, err
	}
	item, err := s.inv.Item(ctx, tx, itemID)
	if err != nil {
		return inventory.Lot{}, err
	}
	return s.inv.EnsureLot(ctx, tx, item, r.LotNumber, r.ExpiresOn, "lines["+strconv.Itoa(i)+"]")
}

// overReceipt is the 409 for units beyond what the line still awaits, counting this
// delivery's earlier lines and parallel ones.
func overReceipt(ctx context.Context, tx db.Tx, s *Service, orderID string, line OrderLine, i int) error {
	now, err := s.store.lines(ctx, tx, orderID)
	if err != nil {
		return err
	}
	for _, l := range now {
		if l.ID == line.ID {
			line = l
		}
	}
	e := fault.New(fault.Conflict, "over_receipt", "more units than the order line still awaits")
	e.Fields = []fault.FieldError{{Field: field("lines", i, "quantity"), Code: "over_receipt",
		Message: strconv.FormatInt(line.OrderedUnits()-line.ReceivedUnits, 10) + " " + line.Unit + " of " +
			line.ItemName + " are still due on this line"}}
	return e
}

func lineOf(o Order, id string) (OrderLine, bool) {
	for _, l := range o.Lines {
		if l.ID == id {
			return l, true
		}
	}
	return OrderLine{}, false
}
