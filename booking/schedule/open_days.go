package schedule

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// OpenDay is a local date an owner opens a branch although a public holiday of its
// country would close it.
type OpenDay struct {
	ID        string    `db:"id"`
	BranchID  string    `db:"branch_id"`
	Date      string    `db:"day"`
	Reason    string    `db:"reason"`
	CreatedAt time.Time `db:"created_at"`
}

// Errors of open days.
var (
	ErrOpenDayMissing = fault.New(fault.NotFound, "open_day_not_found", "no such open day")
	ErrOpenDayExists  = fault.New(fault.Conflict, "open_day_exists", "the branch is already open on this date")
)

// OpenDays lists a branch's open days on or after the local date from ("" for all).
func (s *Service) OpenDays(ctx context.Context, branchID, from string) ([]OpenDay, error) {
	if _, err := s.dir.Branch(ctx, branchID); err != nil {
		return nil, err
	}
	return s.store.openDaysFrom(ctx, branchID, from)
}

// AddOpenDay opens a branch on a local date a public holiday would close (owners and
// admins); a day the owner closed is reopened by deleting its closure instead.
func (s *Service) AddOpenDay(ctx context.Context, branchID, date, reason string) (OpenDay, error) {
	if err := s.administrableBranch(ctx, branchID); err != nil {
		return OpenDay{}, err
	}
	var p schedProblems
	if _, ok := parseCivil(date); !ok {
		p.add("date", "date", "must be a date YYYY-MM-DD")
	}
	if reason = strings.TrimSpace(reason); len(reason) > 500 {
		p.add("reason", "max", "must be at most 500 characters")
	}
	if err := p.err(fault.Invalid); err != nil {
		return OpenDay{}, err
	}
	o := OpenDay{ID: newScheduleID(), BranchID: branchID, Date: date, Reason: reason, CreatedAt: s.clock()}
	err := s.store.insertOpenDay(ctx, o)
	if errors.Is(err, db.ErrConflict) {
		return OpenDay{}, ErrOpenDayExists
	}
	return o, err
}

// DeleteOpenDay lets the holiday close the branch again (owners and admins).
func (s *Service) DeleteOpenDay(ctx context.Context, branchID, openDayID string) error {
	if err := s.administrableBranch(ctx, branchID); err != nil {
		return err
	}
	err := s.store.deleteOpenDay(ctx, branchID, openDayID)
	if errors.Is(err, db.ErrNotFound) {
		return ErrOpenDayMissing
	}
	return err
}
