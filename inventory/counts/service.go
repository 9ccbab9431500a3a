package counts

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// Service is counting's rules, over the inventory's ledger.
type Service struct {
	inv   *inventory.Service
	store store
}

// NewService returns counting over the inventory inv.
func NewService(inv *inventory.Service) *Service {
	return &Service{inv: inv, store: store{db: inv.DB()}}
}

// Start opens a count of a location: the snapshot is the ledger's newest move, taken
// while no move is half-written. A location has one open count at a time.
func (s *Service) Start(ctx context.Context, locationID string) (Session, error) {
	loc, err := s.inv.Location(ctx, s.store.db.R, locationID)
	if err != nil || !loc.Active || !actor.From(ctx).CanSeeBranch(loc.BranchID) {
		return Session{}, errLocation
	}
	x := Session{ID: uuid.NewString(), LocationID: loc.ID, StartedAt: s.inv.Now(), StartedBy: staffOf(ctx)}
	err = s.store.db.InTx(ctx, func(tx db.Tx) error {
		if err := s.store.holdLedger(ctx, tx); err != nil {
			return err
		}
		seq, err := s.inv.LastSeq(ctx, tx)
		if err != nil {
			return err
		}
		x.SnapshotSeq = seq
		return s.store.insert(ctx, tx, x)
	})
	if errors.Is(err, db.ErrConflict) {
		return Session{}, s.openAt(ctx, loc.ID)
	}
	if err != nil {
		return Session{}, err
	}
	return s.Get(ctx, x.ID)
}

// openAt is the conflict of a second count at a location, naming the open one.
func (s *Service) openAt(ctx context.Context, locationID string) error {
	open, err := s.store.openAt(ctx, locationID)
	if err != nil && !errors.Is(err, db.ErrNotFound) {
		return err
	}
	return errOpen(open.ID)
}

// OpenAt is the count open at a location (ErrNotFound when none is), so a second start
// can carry on with it.
func (s *Service) OpenAt(ctx context.Context, locationID string) (Session, error) {
	open, err := s.store.openAt(ctx, locationID)
	if errors.Is(err, db.ErrNotFound) {
		return Session{}, ErrNotFound
	}
	if err != nil {
		return Session{}, err
	}
	return s.Get(ctx, open.ID)
}

// Get reads a session with its sheet.
func (s *Service) Get(ctx context.Context, id string) (Session, error) {
	return s.read(ctx, s.store.db.R, id)
}

func (s *Service) read(ctx context.Context, q db.Q, id string) (Session, error) {
	x, err := s.store.session(ctx, q, id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !actor.From(ctx).CanSeeBranch(x.BranchID)) {
		return Session{}, ErrNotFound
	}
	if err != nil {
		return Session{}, err
	}
	x.Lines, err = s.store.sheet(ctx, q, id)
	return x, err
}

// Cancel drops an open count; nothing is posted.
func (s *Service) Cancel(ctx context.Context, id string) (Session, error) {
	err := s.store.db.InTx(ctx, func(tx db.Tx) error {
		if _, err := s.openSession(ctx, tx, id); err != nil {
			return err
		}
		return s.store.close(ctx, tx, id, Cancelled, nil)
	})
	if err != nil {
		return Session{}, err
	}
	return s.Get(ctx, id)
}

// openSession locks an open session the caller may see for the transaction; a closed
// one answers why it cannot change.
func (s *Service) openSession(ctx context.Context, tx db.Tx, id string) (Session, error) {
	x, err := s.store.session(ctx, tx, id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !actor.From(ctx).CanSeeBranch(x.BranchID)) {
		return Session{}, ErrNotFound
	}
	if err != nil {
		return Session{}, err
	}
	if err := s.store.lockOpen(ctx, tx, id); errors.Is(err, db.ErrNotFound) {
		return Session{}, closedErr(ctx, s.store, tx, id)
	} else if err != nil {
		return Session{}, err
	}
	return x, nil
}

// closedErr says why a session that is not open cannot change: read again after the
// lock, as a parallel post may have just closed it.
func closedErr(ctx context.Context, st store, tx db.Tx, id string) error {
	x, err := st.session(ctx, tx, id)
	switch {
	case err != nil:
		return err
	case x.Status == Cancelled:
		return ErrCancelled
	}
	return ErrPosted
}

func staffOf(ctx context.Context) *string {
	if id := actor.From(ctx).StaffID; id != "" {
		return &id
	}
	return nil
}
