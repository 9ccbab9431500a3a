package messaging

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// The outcomes an attempt is closed with.
const (
	outcomeRejected   = "rejected"
	outcomeRetry      = "retry"
	outcomeNotSent    = "not_sent"
	outcomeReconciled = "reconciled_sent"
	outcomeUnsent     = "reconciled_unsent"
	outcomeUnknown    = "unknown"
)

// record writes a chunk's results in one transaction: one commit per chunk, not per
// message, is what lets SQLite keep up with the providers.
func (d *Dispatcher) record(ctx context.Context, results []result) (int, error) {
	sent := 0
	err := d.store.db.InTx(ctx, func(tx db.Tx) error {
		now := d.now()
		var ok []result
		for _, res := range results {
			if res.succeeded() {
				ok = append(ok, res)
				continue
			}
			if err := d.recordOne(ctx, tx, res, now); err != nil {
				return err
			}
		}
		sent = len(ok)
		return d.store.markSentBatch(ctx, tx, ok, now)
	})
	return sent, err
}

// succeeded: the provider took the message (a 2xx, even one without a readable id).
func (r result) succeeded() bool {
	return !r.undetermined && !r.skipped && (r.err == nil || errors.Is(r.err, errNoProviderID))
}

// recordOne records a result that is not a success.
func (d *Dispatcher) recordOne(ctx context.Context, tx db.Tx, res result, now time.Time) error {
	r := res.row
	switch {
	case res.undetermined:
		return nil
	case res.skipped:
		return d.closeAttempt(ctx, tx, r, outcomeNotSent, "", "stopped before the call", markPendingAt, now, "", r.ID)
	case IsPermanent(res.err):
		// The next round routes the row to the patient's next medium, or gives it up.
		return d.closeAttempt(ctx, tx, r, outcomeRejected, "", res.err.Error(), markPendingAt, now, res.err.Error(), r.ID)
	}
	next := d.nextTry(r.Attempts)
	if next == nil {
		if err := d.finish(ctx, tx, r, outcomeRetry, "", res.err.Error()); err != nil {
			return err
		}
		return d.giveUp(ctx, tx, r, res.err.Error(), now)
	}
	return d.closeAttempt(ctx, tx, r, outcomeRetry, "", res.err.Error(), markPendingAt, *next, res.err.Error(), r.ID)
}

// closeAttempt finishes the row's current attempt and moves the row with stmt, whose
// arguments are at followed by args.
func (d *Dispatcher) closeAttempt(ctx context.Context, tx db.Tx, r Row, outcome, providerID, reason, stmt string,
	at time.Time, args ...any) error {
	if err := d.finish(ctx, tx, r, outcome, providerID, reason); err != nil {
		return err
	}
	return db.Exec(ctx, tx, stmt, append([]any{at}, args...)...)
}

func (d *Dispatcher) finish(ctx context.Context, tx db.Tx, r Row, outcome, providerID, reason string) error {
	return db.Exec(ctx, tx, finishAttempt, d.now(), outcome, providerID, truncate(reason, 500), r.ID, r.Attempts)
}

// giveUp fails a row for good and opens a task, so a person calls the patient.
func (d *Dispatcher) giveUp(ctx context.Context, tx db.Tx, r Row, reason string, now time.Time) error {
	if err := db.Exec(ctx, tx, markFailedNow, truncate(reason, 500), r.ID); err != nil {
		return err
	}
	_, err := d.tasks.Open(ctx, tx, tasks.New{Kind: tasks.DeliveryFailed, PatientID: r.PatientID,
		AppointmentID: r.AppointmentID, BranchID: r.BranchID, OutboxID: &r.ID, Text: reason, At: now})
	return err
}

// nextTry is when a row that failed attempts times is tried again: 30 s, 2 min, 8 min …
// capped at an hour; nil once the attempts are used up.
func (d *Dispatcher) nextTry(attempts int) *time.Time {
	if attempts >= d.opt.MaxAttempts {
		return nil
	}
	wait := 30 * time.Second << (2 * (attempts - 1))
	if wait > time.Hour || wait <= 0 {
		wait = time.Hour
	}
	at := d.now().Add(wait)
	return &at
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
