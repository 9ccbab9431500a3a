package tasks

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Claim keeps the task for the calling staff member for ClaimFor: the others' lists
// leave it out and their changes to it are refused with ErrClaimed. Claiming again
// extends one's own claim.
func (s *Service) Claim(ctx context.Context, id string) (Task, error) {
	t, by, err := s.workable(ctx, id)
	if err != nil {
		return Task{}, err
	}
	now := s.clock()
	return s.after(ctx, t, s.store.claim(ctx, t.ID, by, now, now.Add(ClaimFor)))
}

// Release gives the caller's claim up, so the task is back on everyone's list. A task
// nobody holds is released already.
func (s *Service) Release(ctx context.Context, id string) (Task, error) {
	t, by, err := s.workable(ctx, id)
	if err != nil {
		return Task{}, err
	}
	return s.after(ctx, t, s.store.release(ctx, t.ID, by, s.clock()))
}

// Try is one try at a task, as the desk reports it.
type Try struct {
	Outcome string
	Note    string
}

// RecordAttempt appends a try at an open task; the task stays open.
func (s *Service) RecordAttempt(ctx context.Context, id string, try Try) (Attempt, error) {
	if !slices.Contains(Outcomes, try.Outcome) {
		return Attempt{}, fault.Field("outcome", "oneof", "must be one of: "+strings.Join(Outcomes, " "))
	}
	t, by, err := s.workable(ctx, id)
	if err != nil {
		return Attempt{}, err
	}
	a := Attempt{ID: newID(), TaskID: t.ID, StaffID: by, At: s.clock(), Outcome: try.Outcome, Note: try.Note}
	if _, err := s.after(ctx, t, s.store.attempt(ctx, a)); err != nil {
		return Attempt{}, err
	}
	return a, nil
}

// Done closes an open task in the name of the staff member acting, with a note on how
// it ended.
func (s *Service) Done(ctx context.Context, id, note string) (Task, error) {
	t, err := s.Get(ctx, id)
	if err != nil {
		return Task{}, err
	}
	by := nullable(actor.From(ctx).StaffID)
	return s.after(ctx, t, s.store.done(ctx, t.ID, by, note, s.clock()))
}

// workable finds a task the caller may see and names the staff member acting.
func (s *Service) workable(ctx context.Context, id string) (Task, string, error) {
	by := actor.From(ctx).StaffID
	if by == "" {
		return Task{}, "", ErrNoStaff
	}
	t, err := s.Get(ctx, id)
	return t, by, err
}

// after reads the task back once a guarded change ran. A change that touched no row
// met a closed task (not found, as the desk sees only open work there) or someone
// else's live claim.
func (s *Service) after(ctx context.Context, t Task, err error) (Task, error) {
	if err != nil && !errors.Is(err, db.ErrNotFound) {
		return Task{}, err
	}
	fresh, rerr := s.store.task(ctx, s.store.db.W, t.ID)
	if rerr != nil {
		return Task{}, rerr
	}
	switch {
	case err == nil:
		return fresh, nil
	case fresh.Status != "open":
		return Task{}, ErrNotFound
	default:
		return Task{}, ErrClaimed
	}
}

// CloseIn closes an open task on q, the transaction of the change that made it moot
// (the caller got through by themselves), in no one's name, whoever holds a claim on it.
// A task already closed stays as the desk closed it.
func (s *Service) CloseIn(ctx context.Context, q db.Q, id, note string) error {
	return s.store.closeIn(ctx, q, id, note, s.clock())
}
