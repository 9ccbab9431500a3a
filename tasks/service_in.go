package tasks

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// HoldIn takes an open task for staffID inside tx, the transaction of a feature's work
// on it (a logged call), so no claim slips in before that work commits. It answers
// ErrClaimed while someone else holds a live claim and ErrNotFound once it is closed.
func (s *Service) HoldIn(ctx context.Context, tx db.Tx, id, staffID string) (Task, error) {
	err := db.ExecOne(ctx, tx, lockTask, id, s.clock(), staffID)
	if err != nil && !errors.Is(err, db.ErrNotFound) {
		return Task{}, err
	}
	t, rerr := s.store.task(ctx, tx, id)
	switch {
	case rerr != nil:
		return Task{}, rerr
	case err == nil:
		return t, nil
	case t.Status != "open":
		return Task{}, ErrNotFound
	default:
		return Task{}, ErrClaimed
	}
}

const postponeTask = `UPDATE inbox_tasks SET due_at = ?, claimed_by = NULL, claimed_until = NULL
	WHERE id = ? AND status = 'open'`

// PostponeIn moves an open task's due time and gives its claim up, in q: a call that
// found nobody comes back on everyone's list when the next try is due.
func (s *Service) PostponeIn(ctx context.Context, q db.Q, id string, due time.Time) error {
	return db.ExecOne(ctx, q, postponeTask, due.UTC().Truncate(time.Microsecond), id)
}

const closeByStaff = `UPDATE inbox_tasks SET status = 'done', done_at = ?, done_by = ?, done_note = ?,
	claimed_by = NULL, claimed_until = NULL WHERE id = ? AND status = 'open'`

// DoneIn closes an open task in staffID's name in q, the transaction of the work that
// finished it.
func (s *Service) DoneIn(ctx context.Context, q db.Q, id, staffID, note string) error {
	return db.ExecOne(ctx, q, closeByStaff, s.clock(), nullable(staffID), note, id)
}
