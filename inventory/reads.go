package inventory

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
)

// Stock lists what a branch has on hand by item, location and lot.
func (s *Service) Stock(ctx context.Context, branchID, locationID, itemID string) ([]StockRow, error) {
	return s.store.branchStock(ctx, branchID, locationID, itemID)
}

// Expiring lists a branch's lots on hand that expire within days of today (in the
// branch's zone), expired ones first.
func (s *Service) Expiring(ctx context.Context, branchID string, days int) ([]StockRow, error) {
	until, err := s.localDate(ctx, branchID, days)
	if err != nil {
		return nil, err
	}
	return s.store.expiring(ctx, branchID, until)
}

// localDate is the branch's local date days from today, as YYYY-MM-DD.
func (s *Service) localDate(ctx context.Context, branchID string, days int) (string, error) {
	b, err := s.deps.Dir.Branch(ctx, branchID)
	if err != nil {
		return "", err
	}
	return s.dateIn(b.TimeZone, days)
}

// todayIn is today's date in a zone, as YYYY-MM-DD.
func (s *Service) todayIn(tz string) (string, error) { return s.dateIn(tz, 0) }

// dateIn is the date days from today in a zone, as YYYY-MM-DD.
func (s *Service) dateIn(tz string, days int) (string, error) {
	loc, err := zone(tz)
	if err != nil {
		return "", err
	}
	return s.Now().In(loc).AddDate(0, 0, days).Format(time.DateOnly), nil
}

// Moves reads a page of the ledger, newest first; more says another page follows.
func (s *Service) Moves(ctx context.Context, f MoveFilter) (moves []Move, more bool, err error) {
	moves, err = s.store.moves(ctx, f)
	if len(moves) > f.Limit {
		return moves[:f.Limit], true, err
	}
	return moves, false, err
}

// LotPatients is every patient and visit that used a lot, for a manufacturer's
// recall, limited to the branches the staff member may see.
func (s *Service) LotPatients(ctx context.Context, lotID string) (Lot, []LotUse, error) {
	lot, err := s.Lot(ctx, s.deps.DB.R, lotID)
	if err != nil {
		return Lot{}, nil, err
	}
	uses, err := s.store.lotUses(ctx, lotID)
	if err != nil {
		return Lot{}, nil, err
	}
	a, seen := actor.From(ctx), make([]LotUse, 0, len(uses))
	for _, u := range uses {
		if a.CanSeeBranch(u.BranchID) {
			seen = append(seen, u)
		}
	}
	return lot, seen, nil
}
