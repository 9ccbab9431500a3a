package inventory

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Line is a move to post: Quantity (> 0) units of a lot leave From and/or arrive at To.
type Line struct {
	ItemID        string
	LotID         string
	From          *string
	To            *string
	Quantity      int64
	Reason        string
	SourceKind    string
	SourceID      string
	AppointmentID *string
	ReversesID    *string
	Note          string
	// Field is the request field an error about this line names ("lines[2].quantity").
	Field string
}

// Post appends lines to the ledger inside tx and moves current stock with them. Taking
// stock is a guarded update (the row changes only while enough is on hand), so under
// any number of parallel posts stock never goes below zero: the loser gets 409
// insufficient_stock naming the item, and tx must then be rolled back.
func (s *Service) Post(ctx context.Context, tx db.Tx, lines ...Line) ([]Move, error) {
	at := s.Now()
	for _, i := range lockOrder(lines) {
		if err := checkLine(lines[i]); err != nil {
			return nil, err
		}
		if err := s.moveStock(ctx, tx, lines[i], at); err != nil {
			return nil, err
		}
	}
	return s.recordAll(ctx, tx, lines, at)
}

// lockOrder is the order lines touch stock rows in: by item, lot and location, the
// same in every transaction, so two posts over the same rows (a transfer each way
// between two rooms) queue behind each other instead of deadlocking on PostgreSQL.
func lockOrder(lines []Line) []int {
	order := make([]int, len(lines))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := lines[a], lines[b]
		return cmp.Or(cmp.Compare(x.ItemID, y.ItemID), cmp.Compare(x.LotID, y.LotID),
			cmp.Compare(firstPlace(x), firstPlace(y)))
	})
	return order
}

// firstPlace is the location whose stock row a line locks first.
func firstPlace(l Line) string {
	switch {
	case l.From == nil:
		return *l.To
	case l.To == nil || *l.From < *l.To:
		return *l.From
	}
	return *l.To
}

// recordAll appends lines to the ledger in the order given, in one statement per
// batch: a visit's five materials are one round trip, not five.
func (s *Service) recordAll(ctx context.Context, tx db.Tx, lines []Line, at time.Time) ([]Move, error) {
	moves := make([]Move, len(lines))
	for i, l := range lines {
		moves[i] = Move{ID: newID(), ItemID: l.ItemID, LotID: l.LotID, From: l.From, To: l.To, Quantity: l.Quantity,
			Reason: l.Reason, SourceKind: l.SourceKind, SourceID: l.SourceID, AppointmentID: l.AppointmentID,
			ReversesID: l.ReversesID, Note: l.Note, StaffID: staffOf(ctx), At: at}
	}
	seqs, err := s.store.insertMoves(ctx, tx, moves)
	if errors.Is(err, db.ErrConflict) {
		return nil, ErrAlreadyReversed
	}
	for i := range moves {
		moves[i].Seq = seqs[moves[i].ID]
	}
	return moves, err
}

// moveStock takes from From and puts at To, the lower location first (see lockOrder).
func (s *Service) moveStock(ctx context.Context, tx db.Tx, l Line, at time.Time) error {
	take := func() error {
		if l.From == nil {
			return nil
		}
		return s.take(ctx, tx, l, at)
	}
	put := func() error {
		if l.To == nil {
			return nil
		}
		return s.store.put(ctx, tx, l.ItemID, *l.To, l.LotID, l.Quantity, at)
	}
	first, second := take, put
	if l.From != nil && l.To != nil && *l.To < *l.From {
		first, second = put, take
	}
	if err := first(); err != nil {
		return err
	}
	return second()
}

func (s *Service) take(ctx context.Context, tx db.Tx, l Line, at time.Time) error {
	err := s.store.take(ctx, tx, l.ItemID, *l.From, l.LotID, l.Quantity, at)
	if !errors.Is(err, db.ErrNotFound) {
		return err
	}
	item, ierr := s.store.item(ctx, tx, l.ItemID)
	if ierr != nil {
		return ierr
	}
	have, herr := s.store.onHandLot(ctx, tx, l.ItemID, *l.From, l.LotID)
	if herr != nil {
		return herr
	}
	return Insufficient(item, fieldOr(l.Field, "quantity"), have)
}

// checkLine refuses what no caller should send; services check their fields first,
// so these are programming errors surfacing as 400s rather than bad rows.
func checkLine(l Line) error {
	switch {
	case l.Quantity <= 0:
		return fault.Field(fieldOr(l.Field, "quantity"), "range", "must be a whole number above zero")
	case l.From == nil && l.To == nil:
		return fault.Field(fieldOr(l.Field, "location_id"), "required", "a move needs a location")
	case !slices.Contains(Reasons, l.Reason):
		return fault.Field("reason", "oneof", "must be one of the move reasons")
	}
	return nil
}

func fieldOr(field, fallback string) string {
	if field == "" {
		return fallback
	}
	return field
}
