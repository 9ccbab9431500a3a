package booking

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/token"
)

// Event is one lifecycle event as subscribers receive it: a row of appointment_events,
// written in the transaction of the change it tells of.
type Event struct {
	ID            int64     `db:"id"`
	AppointmentID string    `db:"appointment_id"`
	Kind          string    `db:"kind"`
	FromStatus    string    `db:"from_status"`
	ToStatus      string    `db:"to_status"`
	ActorKind     string    `db:"actor_kind"`
	StaffID       *string   `db:"staff_id"`
	Reason        string    `db:"reason"`
	At            time.Time `db:"at"`
	// Attempts counts deliveries begun, this one included.
	Attempts int `db:"attempts"`
}

// Subscriber handles one event. It is called at least once per event and may be
// called again for an event it already handled (after a crash, a lapsed lease, or
// another subscriber's failure), so it must be idempotent per Event.ID: its effects
// are keyed by the event or by what the event names, never simply appended.
type Subscriber func(ctx context.Context, e Event) error

// RelayOptions configure a Relay; zero values take the defaults.
type RelayOptions struct {
	// Interval is how often undelivered events are looked for (default 1 s).
	Interval time.Duration
	// Batch is how many events one round claims at most (default 50).
	Batch int
	// Lease is how long a claimed event is left to its relay before another may take
	// it (default 1 min); it must outlast the delivery of one batch.
	Lease time.Duration
	// MaxBackoff caps the wait before a failed event is tried again (default 10 min).
	MaxBackoff time.Duration
	Log        *slog.Logger
	Now        func() time.Time
}

type subscription struct {
	name string
	fn   Subscriber
}

// Relay delivers appointment events to the subscribers main registers (the waitlist,
// later reviews and inventory), oldest first and at least once: an event is marked
// delivered only after every subscriber took it. Several relays may run against one
// database; each event is claimed with a lease before it is delivered.
type Relay struct {
	store relayStore
	opt   RelayOptions

	mu     sync.Mutex
	subs   []subscription
	cancel context.CancelFunc
	done   chan struct{}
}

// NewRelay returns a relay over the events of the booking engine's database.
func NewRelay(s *Service, opt RelayOptions) *Relay {
	if opt.Interval <= 0 {
		opt.Interval = time.Second
	}
	if opt.Batch <= 0 {
		opt.Batch = 50
	}
	if opt.Lease <= 0 {
		opt.Lease = time.Minute
	}
	if opt.MaxBackoff <= 0 {
		opt.MaxBackoff = 10 * time.Minute
	}
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Relay{store: relayStore{db: s.db}, opt: opt}
}

// Subscribe adds a subscriber under name (for logs). Register every subscriber before
// Start: events delivered earlier are not delivered again to one added later.
func (r *Relay) Subscribe(name string, fn Subscriber) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.subs = append(r.subs, subscription{name: name, fn: fn})
}

// Start delivers events every Interval until ctx ends or Stop is called.
func (r *Relay) Start(ctx context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cancel != nil {
		return
	}
	ctx, r.cancel = context.WithCancel(ctx)
	r.done = make(chan struct{})
	go r.loop(ctx, r.done)
}

// Stop ends the loop and waits for the round under way to finish.
func (r *Relay) Stop() {
	r.mu.Lock()
	cancel, done := r.cancel, r.done
	r.cancel, r.done = nil, nil
	r.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

// loop runs rounds; a round that fails as a whole (the database is away) waits twice
// as long before the next, up to a minute, so a sick database is not hammered.
func (r *Relay) loop(ctx context.Context, done chan struct{}) {
	defer close(done)
	wait := r.opt.Interval
	for {
		if _, err := r.RunOnce(ctx); err != nil && ctx.Err() == nil {
			r.opt.Log.Error("event relay", "error", err.Error(), "retry_in", wait.String())
			wait = min(wait*2, max(time.Minute, r.opt.Interval))
		} else {
			wait = r.opt.Interval
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// RunOnce claims a batch of undelivered events and delivers them, oldest first, and
// returns how many were delivered to every subscriber. A failing event is logged and
// left for a later round; it does not hold back the events after it.
func (r *Relay) RunOnce(ctx context.Context) (int, error) {
	claim := token.New()
	now := r.now()
	events, err := r.store.claim(ctx, claim, now, now.Add(r.opt.Lease), r.opt.Batch)
	if err != nil {
		return 0, err
	}
	delivered := 0
	for _, e := range events {
		if ctx.Err() != nil {
			return delivered, ctx.Err()
		}
		ok, err := r.deliver(ctx, claim, e)
		if err != nil {
			return delivered, err
		}
		if ok {
			delivered++
		}
	}
	return delivered, nil
}

// deliver hands e to every subscriber and records the outcome; err is only for the
// database failing to record it.
func (r *Relay) deliver(ctx context.Context, claim string, e Event) (bool, error) {
	failure := r.publish(ctx, e)
	if failure == nil {
		return true, r.store.delivered(ctx, claim, e.ID, r.now())
	}
	retry := r.now().Add(r.backoff(e.Attempts))
	r.opt.Log.Warn("event delivery failed", "event_id", e.ID, "kind", e.Kind, "attempt", e.Attempts,
		"error", failure.Error(), "retry_at", retry.Format(time.RFC3339))
	return false, r.store.failed(ctx, claim, e.ID, failure.Error(), retry)
}

// publish calls the subscribers in the order they were registered and stops at the
// first that fails; the next round calls them all again.
func (r *Relay) publish(ctx context.Context, e Event) error {
	r.mu.Lock()
	subs := r.subs
	r.mu.Unlock()
	for _, s := range subs {
		if err := call(ctx, s, e); err != nil {
			return fmt.Errorf("subscriber %s: %w", s.name, err)
		}
	}
	return nil
}

// call runs one subscriber, turning a panic into an error so that one bad event
// cannot stop the relay.
func call(ctx context.Context, s subscription, e Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return s.fn(ctx, e)
}

// backoff is the wait after the attempts-th failure: 5 s, 10 s, 20 s … up to MaxBackoff.
func (r *Relay) backoff(attempts int) time.Duration {
	wait := 5 * time.Second << min(max(attempts-1, 0), 20)
	return min(wait, r.opt.MaxBackoff)
}

func (r *Relay) now() time.Time { return r.opt.Now().UTC().Truncate(time.Microsecond) }
