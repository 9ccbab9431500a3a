package events

import (
	"context"
	"fmt"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// The staged writes of one subscriber run under this savepoint, so that a failing one
// is undone alone and the round's transaction goes on.
const (
	savepoint           = `SAVEPOINT subscriber`
	releaseSavepoint    = `RELEASE SAVEPOINT subscriber`
	rollbackToSavepoint = `ROLLBACK TO SAVEPOINT subscriber`
)

// settleRound writes a round in one write transaction (one turn at SQLite's single
// writer, shared with every booking): the subscribers' staged writes, the delivery
// log, the events closed and the failures. Staged writes that fail are rolled back to
// their savepoint; their events go to Handle one by one afterwards and are settled in
// a second transaction. With next, the transaction ends by claiming the next batch,
// which settleRound answers.
func (d *Delivery) settleRound(ctx context.Context, b batch, results []result, next bool) (batch, error) {
	var (
		redo    []int
		claimed batch
	)
	err := d.store.db.InTx(ctx, func(tx db.Tx) error {
		redo = redo[:0]
		for i := range results {
			r := &results[i]
			if !r.staged {
				continue
			}
			ok, err := d.guarded(ctx, tx, r)
			if err != nil {
				return err
			}
			if !ok {
				redo = append(redo, i)
			}
		}
		if err := d.store.settleTx(ctx, tx, b.token, tally(b.events, results), d.now()); err != nil || !next {
			return err
		}
		var err error
		claimed, err = d.claim(ctx, tx)
		return err
	})
	if err != nil {
		return batch{}, err
	}
	if len(redo) > 0 {
		// The next batch is claimed already: an error here leaves these events to
		// their lease, as a crash would, rather than the next batch to its lease too.
		if err := d.redo(ctx, b.token, results, redo); err != nil {
			d.opt.Log.Warn("event delivery: settling a batch's retries failed", "error", err.Error())
		}
	}
	return claimed, nil
}

// guarded runs r's staged writes under a savepoint; ok false is a failure rolled back.
// Either way r.took says what it took.
func (d *Delivery) guarded(ctx context.Context, tx db.Tx, r *result) (ok bool, err error) {
	r.took = r.took[:0]
	if r.write != nil {
		if err := db.Exec(ctx, tx, savepoint); err != nil {
			return false, err
		}
		if werr := runWrite(ctx, tx, r.write); werr != nil {
			d.opt.Log.Info("event batch's writes failed, delivering one by one", "subscriber", r.sub.Name,
				"events", len(r.owed), "error", werr.Error())
			return false, db.Exec(ctx, tx, rollbackToSavepoint)
		}
		if err := db.Exec(ctx, tx, releaseSavepoint); err != nil {
			return false, err
		}
	}
	for _, e := range r.owed {
		r.took = append(r.took, e.ID)
	}
	return true, nil
}

// runWrite runs staged writes, a panic being an error as in call.
func runWrite(ctx context.Context, tx db.Tx, write func(context.Context, db.Tx) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return write(ctx, tx)
}

// redo hands the events of failed staged writes to their subscribers one by one and
// settles those events again, closing the ones nobody owes any more.
func (d *Delivery) redo(ctx context.Context, token string, results []result, redo []int) error {
	var events []claimed
	seen := make(map[int64]bool)
	for _, i := range redo {
		r := &results[i]
		r.staged = false
		r.took, r.failed = d.oneByOne(ctx, r.sub, r.owed)
		for _, e := range r.owed {
			if !seen[e.ID] {
				seen[e.ID] = true
				events = append(events, e)
			}
		}
	}
	return d.store.settle(ctx, token, tally(events, results), d.now())
}
