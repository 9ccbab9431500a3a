package messaging

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// DispatcherOptions configure a Dispatcher; zero values take the defaults.
type DispatcherOptions struct {
	// Channels maps a medium (sms, email, whatsapp) to the channel that delivers it.
	Channels map[string]Channel
	// Default delivers media without a channel of their own (the log channel).
	Default Channel
	// Interval is how often due rows are looked for (default 1 s).
	Interval time.Duration
	// Batch is how many due rows one round takes at most (default 50).
	Batch int
	// MaxAttempts is how often a row is tried before it is failed (default 5).
	MaxAttempts int
	Log         *slog.Logger
	Now         func() time.Time
}

// Dispatcher sends due outbox rows. Several may run against one database (several app
// instances): each row is claimed by a guarded update before it is sent.
type Dispatcher struct {
	store store
	opt   DispatcherOptions

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

// NewDispatcher returns a dispatcher over d; Start runs it.
func NewDispatcher(d *db.DB, opt DispatcherOptions) *Dispatcher {
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.Default == nil {
		opt.Default = NewLogChannel(opt.Log)
	}
	if opt.Interval <= 0 {
		opt.Interval = time.Second
	}
	if opt.Batch <= 0 {
		opt.Batch = 50
	}
	if opt.MaxAttempts <= 0 {
		opt.MaxAttempts = 5
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Dispatcher{store: store{db: d}, opt: opt}
}

// Start sends due rows every Interval until ctx ends or Stop is called.
func (d *Dispatcher) Start(ctx context.Context) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cancel != nil {
		return
	}
	ctx, d.cancel = context.WithCancel(ctx)
	d.done = make(chan struct{})
	go d.loop(ctx, d.done)
}

// Stop ends the loop and waits for the round under way to finish.
func (d *Dispatcher) Stop() {
	d.mu.Lock()
	cancel, done := d.cancel, d.done
	d.cancel, d.done = nil, nil
	d.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

func (d *Dispatcher) loop(ctx context.Context, done chan struct{}) {
	defer close(done)
	tick := time.NewTicker(d.opt.Interval)
	defer tick.Stop()
	for {
		if _, err := d.RunOnce(ctx); err != nil && ctx.Err() == nil {
			d.opt.Log.Error("outbox dispatch", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// RunOnce sends the rows due now and returns how many went out.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	rows, err := d.store.due(ctx, d.now(), d.opt.Batch)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, r := range rows {
		ok, err := d.deliver(ctx, r)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// deliver claims and sends one row; a row another dispatcher claimed first is skipped.
func (d *Dispatcher) deliver(ctx context.Context, r Row) (bool, error) {
	err := d.store.claim(ctx, r.ID, d.now())
	if errors.Is(err, db.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	r.Attempts++
	providerID, sendErr := d.channelFor(r.Channel).Send(ctx, Outgoing{ID: r.ID, DedupeKey: r.DedupeKey,
		Channel: r.Channel, Recipient: r.Recipient, Body: r.Body, Segments: r.Segments})
	if sendErr == nil {
		return true, d.store.sent(ctx, r.ID, providerID, d.now())
	}
	return false, d.store.retry(ctx, r.ID, sendErr.Error(), d.nextTry(r.Attempts))
}

func (d *Dispatcher) channelFor(medium string) Channel {
	if ch, ok := d.opt.Channels[medium]; ok {
		return ch
	}
	return d.opt.Default
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

func (d *Dispatcher) now() time.Time { return d.opt.Now().UTC().Truncate(time.Microsecond) }
