// Package events hands every visit event (a row of appointment_events, written in the
// transaction of the change it tells of) to each subscriber internal/app registers,
// at least once, and records each (event, subscriber) it delivered, so that a job run
// twice, a second instance or a retry after one subscriber failed never makes another
// subscriber act twice. It runs as a River job; the rows stay the truth.
package events

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Subscriber is a feature's reaction to visit events.
type Subscriber struct {
	// Name keys the delivery log: renaming a subscriber delivers old events to it anew.
	Name string
	// Kinds are the event kinds it reacts to; none means every kind.
	Kinds []visit.Kind
	// Handle acts on one event. It may still see an event twice (a crash between its
	// own commit and the delivery log's), so its effects are keyed by what the event
	// names (an outbox key, a unique row), never simply appended. Every subscriber
	// has one, Prepare or not: a failed batch falls back to it.
	Handle func(ctx context.Context, e visit.Event) error
	// Prepare, when set, takes a round's events at once, oldest first (so each visit's
	// in the order written): it reads what it needs (on a reader) and answers the
	// writes to make, nil for none. The relay runs them in its one write transaction of
	// the round, beside the delivery log, under a savepoint of their own: a write
	// transaction per event queued each behind the bookings at SQLite's single writer,
	// and the relay fell seconds behind. If Prepare or its writes fail, the same events
	// go to Handle one by one, so that one bad event fails alone.
	Prepare func(ctx context.Context, es []visit.Event) (func(ctx context.Context, tx db.Tx) error, error)
}

func (s Subscriber) wants(k visit.Kind) bool { return len(s.Kinds) == 0 || slices.Contains(s.Kinds, k) }

// Options tune a Delivery; zero values take the defaults.
type Options struct {
	// Batch is how many events one round claims at most (default 200).
	Batch int
	// MaxBatch is how far Batch grows while each round comes back full, a backlog
	// (default 8 × Batch): each round costs a few turns at the writer whatever its size,
	// so a relay behind catches up in larger rounds.
	MaxBatch int
	// Lanes is how many events are handed out at once, never two of one visit
	// (default 16; 1 delivers strictly oldest first).
	Lanes int
	// Chunk is how few events, on PostgreSQL, one lane's Prepare takes at the least
	// (default 32): each lane costs its subscriber's reads and a transaction, so a
	// round of a few dozen events split 16 ways cost more round trips than it ran
	// side by side.
	Chunk int
	// Lease is how long a claimed event is left to its instance before another may
	// take it (default 1 min); it must outlast the delivery of one batch.
	Lease time.Duration
	// MaxBackoff caps the wait before a failed event is tried again (default 10 min).
	MaxBackoff time.Duration
	Log        *slog.Logger
	Now        func() time.Time
}

func (o *Options) defaults() {
	if o.Batch <= 0 {
		o.Batch = 200
	}
	if o.MaxBatch < o.Batch {
		o.MaxBatch = 8 * o.Batch
	}
	if o.Lanes <= 0 {
		o.Lanes = 16
	}
	if o.Chunk <= 0 {
		o.Chunk = 32
	}
	if o.Lease <= 0 {
		o.Lease = time.Minute
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 10 * time.Minute
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Delivery hands visit events to the subscribers, each visit's oldest first. Several instances may
// run it against one database: each event is claimed with a lease first.
type Delivery struct {
	store store
	subs  []Subscriber
	opt   Options
	// size is the next round's batch: Batch, doubled after each full round up to MaxBatch.
	size atomic.Int64
	// stage runs Prepare's writes in the round's one transaction (SQLite, where every
	// write queues for the one writer); else each lane writes in its own (see inChunks).
	stage bool
	// following lets one Follow run at a time (see Follow).
	following sync.Mutex
}

// New returns the delivery of d's events to subs, called in the order given.
func New(d *db.DB, subs []Subscriber, opt Options) *Delivery {
	opt.defaults()
	del := &Delivery{store: store{db: d}, subs: slices.Clone(subs), opt: opt, stage: d.Dialect == db.SQLite}
	del.size.Store(int64(opt.Batch))
	return del
}

func (d *Delivery) batchSize() int { return int(d.size.Load()) }

// grow doubles the next batch after a full round (a backlog) and goes back to Batch
// once a round finds less: small rounds keep each write transaction short when the
// relay keeps up.
func (d *Delivery) grow(full bool) {
	next := int64(d.opt.Batch)
	if full {
		next = min(2*d.size.Load(), int64(d.opt.MaxBatch))
	}
	d.size.Store(next)
}

// Subscribers names the registered subscribers, in the order given.
func (d *Delivery) Subscribers() []string {
	names := make([]string, len(d.subs))
	for i, s := range d.subs {
		names[i] = s.Name
	}
	return names
}

// RunOnce claims a batch of undelivered events, hands them to every subscriber that
// has not yet taken them, and returns how many events it claimed. A failing event is
// logged and retried later with backoff; it does not hold back the events after it.
// What was delivered is written once for the whole batch, in one write transaction
// with the subscribers' staged writes: one write per event and subscriber queued
// behind every booking on SQLite's single writer, and the relay fell minutes behind
// under load. A crash before that write hands the batch out again, which subscribers
// already allow for.
func (d *Delivery) RunOnce(ctx context.Context) (int, error) {
	b, err := d.claim(ctx, d.store.db.W)
	if err != nil || len(b.events) == 0 {
		return 0, err
	}
	_, err = d.round(ctx, b, false)
	return len(b.events), err
}

// claim leases the next batch on q (the writer, or a round's transaction) and sizes
// the one after it.
func (d *Delivery) claim(ctx context.Context, q db.Q) (batch, error) {
	now := d.now()
	size := d.batchSize()
	b, err := d.store.claim(ctx, q, now, now.Add(d.opt.Lease), size)
	d.grow(err == nil && len(b.events) == size)
	return b, err
}

// round delivers a claimed batch and settles it; with next, the settling transaction
// also claims the next batch and round answers it (a turn at the writer saved a round).
func (d *Delivery) round(ctx context.Context, b batch, next bool) (batch, error) {
	done, err := d.store.deliveredTo(ctx, b.events)
	if err != nil {
		return batch{}, err
	}
	results := d.deliverAll(ctx, b.events, done)
	return d.settleRound(ctx, b, results, next)
}

// outcome is what one batch delivered, to be written in one go.
type outcome struct {
	took   []deliveryRow
	closed []int64
	failed []failure
}

// failure is an event one of whose subscribers failed, and when to try it again.
type failure struct {
	id      int64
	reason  string
	retryAt time.Time
}

func (d *Delivery) failed(e claimed, err error) failure {
	retry := d.now().Add(d.backoff(e.Attempts))
	d.opt.Log.Warn("event delivery failed", "event_id", e.ID, "kind", string(e.Kind), "attempt", e.Attempts,
		"error", err.Error(), "retry_at", retry.Format(time.RFC3339))
	return failure{id: e.ID, reason: err.Error(), retryAt: retry}
}

// call runs one subscriber, turning a panic into an error so that one bad event
// cannot stop delivery.
func call(ctx context.Context, s Subscriber, e visit.Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return s.Handle(ctx, e)
}

// prepare runs one subscriber's Prepare, a panic being an error as in call.
func prepare(ctx context.Context, s Subscriber, es []visit.Event) (w func(context.Context, db.Tx) error, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return s.Prepare(ctx, es)
}

// backoff is the wait after the attempts-th failure: 5 s, 10 s, 20 s … up to MaxBackoff.
func (d *Delivery) backoff(attempts int) time.Duration {
	wait := 5 * time.Second << min(max(attempts-1, 0), 20)
	return min(wait, d.opt.MaxBackoff)
}

func (d *Delivery) now() time.Time { return d.opt.Now().UTC().Truncate(time.Microsecond) }
