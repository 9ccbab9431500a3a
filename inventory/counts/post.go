package counts

import (
	"context"
	"strconv"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// Enter writes counted quantities into an open session, replacing what was entered
// for the same lots before; lots not named keep theirs. A lot is named by id, or by
// the item's lot number and expiry (a lot found on the shelf that the ledger does not
// know yet). A quantity that differs from the stock at the snapshot needs a reason.
// Errors name the entry: lines[i].item_id, lines[i].lot_id, lines[i].reason.
func (s *Service) Enter(ctx context.Context, id string, entries []Entry) (Session, error) {
	var out Session
	err := s.store.db.InTx(ctx, func(tx db.Tx) error {
		if _, err := s.openSession(ctx, tx, id); err != nil {
			return err
		}
		lots, err := s.putLines(ctx, tx, id, entries)
		if err != nil {
			return err
		}
		out, err = s.read(ctx, tx, id)
		if err != nil {
			return err
		}
		return needReasons(out.Lines, lots)
	})
	return out, err
}

// putLines resolves each entry's lot and writes it; it returns the lot of each entry,
// in order.
func (s *Service) putLines(ctx context.Context, tx db.Tx, id string, entries []Entry) ([]string, error) {
	lots := make([]string, len(entries))
	seen := map[[2]string]bool{}
	for i, e := range entries {
		field := "lines[" + strconv.Itoa(i) + "]"
		lot, err := s.lotOf(ctx, tx, e, field)
		if err != nil {
			return nil, err
		}
		key := [2]string{e.ItemID, lot.ID}
		if seen[key] {
			return nil, fault.Field(field, "duplicate", "this lot is named twice in one request")
		}
		seen[key], lots[i] = true, lot.ID
		if err := s.store.putLine(ctx, tx, id, e.ItemID, lot.ID, e.Counted, e.Reason); err != nil {
			return nil, err
		}
	}
	return lots, nil
}

// lotOf finds the lot an entry names: by id (it must be the item's), or by number and
// expiry through the inventory's lot rules, which make it when it is new.
func (s *Service) lotOf(ctx context.Context, tx db.Tx, e Entry, field string) (inventory.Lot, error) {
	item, err := s.inv.Item(ctx, tx, e.ItemID)
	if err != nil {
		return inventory.Lot{}, fault.Field(field+".item_id", "not_found", "no item has this id")
	}
	if e.LotID == "" {
		return s.inv.EnsureLot(ctx, tx, item, e.LotNumber, e.ExpiresOn, field)
	}
	if e.LotNumber != "" || e.ExpiresOn != "" {
		return inventory.Lot{}, fault.Field(field+".lot_id", "excluded_with", "name the lot by lot_id or by lot_number and expires_on, not both")
	}
	lot, err := s.inv.Lot(ctx, tx, e.LotID)
	if err != nil || lot.ItemID != item.ID {
		return inventory.Lot{}, fault.Field(field+".lot_id", "not_found", "no lot of this item has this id")
	}
	return lot, nil
}

// needReasons refuses a difference without a reason: a count move is a correction the
// clinic may have to explain.
func needReasons(sheet []Line, lots []string) error {
	byLot := make(map[string]Line, len(sheet))
	for _, l := range sheet {
		byLot[l.LotID] = l
	}
	for i, lot := range lots {
		l := byLot[lot]
		if d := l.Difference(); d != nil && *d != 0 && l.Reason == "" {
			return fault.Field("lines["+strconv.Itoa(i)+"].reason", "required",
				"counted "+fmtQty(*l.Counted)+" where "+fmtQty(l.Expected)+" were expected: say why")
		}
	}
	return nil
}

// Post closes an open count and writes, in one transaction, a count move for each
// counted lot whose quantity differs from its stock at the snapshot: into the location
// for more, out of it for less, the line's reason as the move's note. Moves posted
// after the snapshot stay as they are, on top. Lots not counted are left alone.
func (s *Service) Post(ctx context.Context, id string) (Session, error) {
	var out Session
	err := s.store.db.InTx(ctx, func(tx db.Tx) error {
		x, err := s.openSession(ctx, tx, id)
		if err != nil {
			return err
		}
		sheet, err := s.store.sheet(ctx, tx, id)
		if err != nil {
			return err
		}
		if !anyCounted(sheet) {
			return ErrEmpty
		}
		moves, err := s.inv.Post(ctx, tx, countMoves(x, sheet)...)
		if err != nil {
			return err
		}
		at := s.inv.Now()
		if err := s.store.close(ctx, tx, id, Posted, &at); err != nil {
			return err
		}
		out, err = s.read(ctx, tx, id)
		out.Moves = moves
		return err
	})
	return out, err
}

// countMoves are the moves that make the ledger agree with the count.
func countMoves(x Session, sheet []Line) []inventory.Line {
	var out []inventory.Line
	for _, l := range sheet {
		d := l.Difference()
		if d == nil || *d == 0 {
			continue
		}
		loc := x.LocationID
		m := inventory.Line{ItemID: l.ItemID, LotID: l.LotID, Quantity: *d, Reason: inventory.Count,
			SourceKind: inventory.FromCount, SourceID: x.ID, Note: l.Reason, Field: "lines"}
		if *d < 0 {
			m.From, m.Quantity = &loc, -*d
		} else {
			m.To = &loc
		}
		out = append(out, m)
	}
	return out
}

func anyCounted(sheet []Line) bool {
	for _, l := range sheet {
		if l.Counted != nil {
			return true
		}
	}
	return false
}

func fmtQty(n int64) string { return strconv.FormatInt(n, 10) }
