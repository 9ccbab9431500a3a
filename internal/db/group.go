package db

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Group commits write transactions of one kind together on SQLite. Its one writer runs
// them one after another anyway, and a commit (the WAL frames of every page touched)
// was the largest part of a booking's time on it: transactions that queue while one
// runs are run together in the next, each inside a SAVEPOINT of its own, and committed
// once. A transaction that fails rolls back to its savepoint alone, so one booking's
// conflict never fails another's; each still sees the ones before it, so checks and
// inserts stay one step. Should the shared transaction itself fail (a commit error, an
// interrupted statement rolling everything back), every member is run again in a
// transaction of its own. On PostgreSQL, whose
// transactions run side by side, InTx is DB.InTx.
//
// A member's fn may run twice (after a failed shared transaction) and on another
// goroutine than its caller's: it must work only through tx and its own ctx.
type Group struct {
	d   *DB
	max int

	mu      sync.Mutex
	queue   []*groupJob
	leading bool
}

type groupJob struct {
	ctx  context.Context
	fn   func(tx Tx) error
	done chan groupResult
}

// groupResult is a member's outcome, or the word that it now leads the next batch.
type groupResult struct {
	err  error
	lead bool
}

// NewGroup returns a group over d committing up to max transactions at once.
func NewGroup(d *DB, max int) *Group {
	return &Group{d: d, max: max}
}

// InTx runs fn in a write transaction as DB.InTx does, on SQLite together with the
// others of the group waiting for the writer at the same time.
func (g *Group) InTx(ctx context.Context, fn func(tx Tx) error) error {
	if g.d.Dialect != SQLite || g.max <= 1 {
		return g.d.InTx(ctx, func(tx Tx) error { return call(fn, tx) })
	}
	j := &groupJob{ctx: ctx, fn: fn, done: make(chan groupResult, 1)}
	g.mu.Lock()
	g.queue = append(g.queue, j)
	lead := !g.leading
	g.leading = true
	g.mu.Unlock()
	if !lead {
		if r := <-j.done; !r.lead {
			return r.err
		}
	}
	g.lead()
	return (<-j.done).err
}

// lead runs the next batch (it holds the leader's own job first) and hands the lead to
// the first job still queued, so no caller serves others past its own batch.
func (g *Group) lead() {
	g.mu.Lock()
	n := min(len(g.queue), g.max)
	batch := append([]*groupJob(nil), g.queue[:n]...)
	g.queue = append(g.queue[:0], g.queue[n:]...)
	g.mu.Unlock()
	g.run(batch)
	g.mu.Lock()
	if len(g.queue) == 0 {
		g.leading = false
	} else {
		g.queue[0].done <- groupResult{lead: true}
	}
	g.mu.Unlock()
}

// errBroken marks a failure of the shared transaction rather than of a member.
var errBroken = errors.New("db: the shared transaction failed")

// run commits a batch and tells each member its outcome.
func (g *Group) run(batch []*groupJob) {
	if len(batch) == 1 {
		j := batch[0]
		j.done <- groupResult{err: g.d.InTx(j.ctx, func(tx Tx) error { return call(j.fn, tx) })}
		return
	}
	errs := make([]error, len(batch))
	err := g.d.InTx(context.Background(), func(tx Tx) error {
		for i, j := range batch {
			if errs[i] = member(tx, j); errors.Is(errs[i], errBroken) {
				return errs[i]
			}
		}
		return nil
	})
	for i, j := range batch {
		if err != nil {
			// The shared transaction is gone, and with it what the members before this
			// one wrote (a conflict with them may no longer hold): each runs alone.
			errs[i] = g.d.InTx(j.ctx, func(tx Tx) error { return call(j.fn, tx) })
		}
		j.done <- groupResult{err: errs[i]}
	}
}

// member runs one job inside a savepoint of the shared transaction: its own failure
// rolls back its own writes only.
func member(tx Tx, j *groupJob) error {
	if err := j.ctx.Err(); err != nil {
		return err
	}
	ctx := context.Background()
	if _, err := tx.ExecContext(ctx, "SAVEPOINT grouped"); err != nil {
		return fmt.Errorf("%w: %v", errBroken, err)
	}
	err := call(j.fn, tx)
	if err != nil {
		if _, rerr := tx.ExecContext(ctx, "ROLLBACK TO grouped"); rerr != nil {
			return fmt.Errorf("%w: %v", errBroken, rerr)
		}
	}
	if _, rerr := tx.ExecContext(ctx, "RELEASE grouped"); rerr != nil {
		return fmt.Errorf("%w: %v", errBroken, rerr)
	}
	return err
}

// call runs fn, turning a panic into that member's error: it may run on the leader's
// goroutine, where a panic would take every member of the batch down with it (so it
// does so everywhere, for one behaviour).
func call(fn func(tx Tx) error, tx Tx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("db: panic in a grouped transaction: %v", r)
		}
	}()
	return fn(tx)
}
