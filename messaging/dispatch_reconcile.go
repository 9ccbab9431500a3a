package messaging

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// reconcile settles attempts left open longer than the lease (a crash or a kill
// between the provider call and our update). The provider is asked, where it can
// say, whether the message arrived: found → sent; known not sent → sent again;
// unknown → failed with a "delivery unknown" task. Never a blind second send.
func (d *Dispatcher) reconcile(ctx context.Context) error {
	open, err := d.store.openAttempts(ctx, d.now().Add(-d.opt.Lease), d.opt.Batch)
	if err != nil {
		return err
	}
	for _, a := range open {
		if err := d.reconcileOne(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

func (d *Dispatcher) reconcileOne(ctx context.Context, a openAttempt) error {
	resolve, err := d.channels.resolver(ctx, d.store.db.R, a.BranchID, a.Channel)
	if err != nil {
		return err
	}
	var candidates []string
	var known bool
	if rc, ok := resolve(a.Medium).(Reconciler); ok {
		m := Outgoing{ID: a.ID, DedupeKey: a.DedupeKey, Channel: a.Medium, Recipient: a.Address, Body: a.Body}
		candidates, known, err = rc.Lookup(ctx, m, a.StartedAt)
		if err != nil {
			// The provider could not answer now; it is asked again next round.
			d.opt.Log.Warn("outbox reconcile", "outbox_id", a.ID, "error", err.Error())
			return nil
		}
	}
	return d.store.db.InTx(ctx, func(tx db.Tx) error {
		now := d.now()
		providerID, err := d.store.unclaimed(ctx, tx, candidates, a.ID)
		if err != nil {
			return err
		}
		switch {
		case providerID != "":
			return d.closeAttempt(ctx, tx, a.Row, outcomeReconciled, providerID, "", markSentVia, now,
				providerID, a.Medium, a.Address, a.ID)
		case known:
			return d.closeAttempt(ctx, tx, a.Row, outcomeUnsent, "", "", markPendingAt, now, "", a.ID)
		}
		if err := d.finish(ctx, tx, a.Row, outcomeUnknown, "", "delivery unknown"); err != nil {
			return err
		}
		return d.giveUp(ctx, tx, a.Row, "delivery unknown: the "+a.Medium+" provider cannot tell whether the message arrived", now)
	})
}

// selectProviderIDHeld finds whether another outbox row holds a provider's id.
const selectProviderIDHeld = `SELECT COUNT(*) FROM outbox WHERE provider_id = ? AND id <> ?`

// unclaimed is the first of a lookup's candidates that no other outbox row holds: an
// identical text sent earlier to the same number is that row's, not this one's.
func (s store) unclaimed(ctx context.Context, q db.Q, candidates []string, outboxID string) (string, error) {
	for _, id := range candidates {
		var n int
		if err := db.Get(ctx, q, &n, selectProviderIDHeld, id, outboxID); err != nil {
			return "", err
		}
		if n == 0 {
			return id, nil
		}
	}
	return "", nil
}
