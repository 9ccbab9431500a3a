// Package events hands every visit event (a row of appointment_events, written in the
// transaction of the change it tells of) to each subscriber internal/app registers,
// at least once, and records each (event, subscriber) it delivered, so that a job run
// twice, a second instance or a retry after one subscriber failed never makes another
// subscriber act twice. It runs as a River job; the rows stay the truth.
package events

import (
	"context"
	"fmt"
	"hash/fnv"
	"log/slog"
	"slices"
	"sync"
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
	// names (an outbox key, a unique row), never simply appended.
	Handle func(ctx context.Context, e visit.Event) error
}

func (s Subscriber) wants(k visit.Kind) bool { return len(s.Kinds) == 0 || slices.Contains(s.Kinds, k) }

// Options tune a Delivery; zero values take the defaults.
type Options struct {
	// Batch is how many events one round claims at most (default 200).
	Batch int
	// Lanes is how many events are handed out at once, never two of one visit
	// (default 16; 1 delivers strictly oldest first).
	Lanes int
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
	if o.Lanes <= 0 {
		o.Lanes = 16
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
}

// New returns the delivery of d's events to subs, called in the order given.
func New(d *db.DB, subs []Subscriber, opt Options) *Delivery {
	opt.defaults()
	return &Delivery{store: store{db: d}, subs: slices.Clone(subs), opt: opt}
}

// Subscribers names the registered subscribers, in the order they are called.
func (d *Delivery) Subscribers() []string {
	names := make([]string, len(d.subs))
	for i, s := range d.subs {
		names[i] = s.Name
	}
	return names
}

// RunOnce claims a batch of undelivered events, hands each to every subscriber that
// has not yet taken it, and returns how many events it claimed. A failing event is
// logged and retried later with backoff; it does not hold back the events after it.
// What was delivered is written once for the whole batch, in one write transaction:
// one write per event and subscriber queued behind every booking on SQLite's single
// writer, and the relay fell minutes behind under load. A crash before that write
// hands the batch out again, which subscribers already allow for.
func (d *Delivery) RunOnce(ctx context.Context) (int, error) {
	now := d.now()
	batch, err := d.store.claim(ctx, now, now.Add(d.opt.Lease), d.opt.Batch)
	if err != nil || len(batch.events) == 0 {
		return 0, err
	}
	done, err := d.store.deliveredTo(ctx, batch.events)
	if err != nil {
		return 0, err
	}
	out := d.deliverInLanes(ctx, batch.events, done)
	return len(batch.events), d.store.settle(ctx, batch.token, out, d.now())
}

// deliverInLanes hands the batch out in Lanes goroutines, each visit's events in one
// lane in order (a visit's booking before its cancellation), different visits side by
// side: a subscriber's own write transaction waits its turn at SQLite's single writer
// behind every booking, and one at a time the relay fell seconds behind under load.
func (d *Delivery) deliverInLanes(ctx context.Context, batch []claimed, done map[int64][]string) outcome {
	lanes := make([][]claimed, d.opt.Lanes)
	for _, e := range batch {
		h := fnv.New32a()
		_, _ = h.Write([]byte(e.VisitID))
		i := h.Sum32() % uint32(len(lanes))
		lanes[i] = append(lanes[i], e)
	}
	outs := make([]outcome, len(lanes))
	var wg sync.WaitGroup
	for i, lane := range lanes {
		wg.Go(func() {
			for _, e := range lane {
				if ctx.Err() != nil {
					return
				}
				d.deliver(ctx, e, done[e.ID], &outs[i])
			}
		})
	}
	wg.Wait()
	var out outcome
	for _, o := range outs {
		out.took, out.closed, out.failed = append(out.took, o.took...), append(out.closed, o.closed...), append(out.failed, o.failed...)
	}
	return out
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

// deliver hands e to the subscribers not in done and notes the outcome: closed when all
// took it, failed (with the subscribers before the failing one noted as served) otherwise.
func (d *Delivery) deliver(ctx context.Context, e claimed, done []string, out *outcome) {
	for _, s := range d.subs {
		if !s.wants(e.Kind) || slices.Contains(done, s.Name) {
			continue
		}
		if err := call(ctx, s, e.Event); err != nil {
			out.failed = append(out.failed, d.failed(e, fmt.Errorf("subscriber %s: %w", s.Name, err)))
			return
		}
		out.took = append(out.took, deliveryRow{EventID: e.ID, Subscriber: s.Name})
	}
	out.closed = append(out.closed, e.ID)
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

// backoff is the wait after the attempts-th failure: 5 s, 10 s, 20 s … up to MaxBackoff.
func (d *Delivery) backoff(attempts int) time.Duration {
	wait := 5 * time.Second << min(max(attempts-1, 0), 20)
	return min(wait, d.opt.MaxBackoff)
}

func (d *Delivery) now() time.Time { return d.opt.Now().UTC().Truncate(time.Microsecond) }
