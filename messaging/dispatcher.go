package messaging

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// DispatcherOptions configure a Dispatcher; zero values take the defaults.
type DispatcherOptions struct {
	// Channels maps a medium (sms, email, whatsapp) to the channel that delivers it
	// where a branch configured none of its own.
	Channels map[string]Channel
	// Default delivers when no channel is configured anywhere (the log channel): the
	// demo and development send everything to it.
	Default Channel
	// Env builds the channels branches configure (branch_channels).
	Env ChannelEnv
	// Batch is how many due rows one round claims at most (default 100).
	Batch int
	// Workers is how many provider calls of one chunk run at once (default 8).
	Workers int
	// Lanes is how many chunks are in flight at once: PostgreSQL takes writes from
	// several connections (default 8), SQLite from one writer (default 1).
	Lanes int
	// MaxAttempts is how often a row is tried before it is failed (default 5).
	MaxAttempts int
	// Lease is how long an unfinished attempt may be in flight before it is taken for
	// a crash and reconciled with the provider (default 2 min, well above a call's
	// timeout).
	Lease time.Duration
	Log   *slog.Logger
	Now   func() time.Time
}

// Dispatcher sends due outbox rows. Several may run against one database (several app
// instances): rows are claimed by a guarded update before they are sent, and every
// provider call is written down (outbox_attempts) before it is made.
type Dispatcher struct {
	store    store
	tasks    *tasks.Service
	opt      DispatcherOptions
	channels *channelCache
	// afterProvider runs after a provider answered and before anything is recorded:
	// the crash test makes it panic there.
	afterProvider func(m Outgoing)

	// round makes one dispatcher's rounds take turns: River may run a period's job
	// while the last one still drains, and doubling the lanes would only crowd the
	// database.
	round sync.Mutex
	// claiming makes the lanes' claims take turns (their sending and recording still
	// overlap). On PostgreSQL a claim racing another lane's ran into rows that lane had
	// just claimed: FOR UPDATE locks the newest version of such a row before it finds
	// the row no longer pending, and keeps the lock until its transaction ends, so the
	// other lane's record of that row waited for it, and claims waited on records in
	// turn (waits of seconds under the load harness). A claim that starts after the last
	// one committed never sees those rows as pending.
	claiming sync.Mutex
}

// NewDispatcher returns a dispatcher over d; internal/app runs it as a River job.
func NewDispatcher(d *db.DB, opt DispatcherOptions) *Dispatcher {
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.Default == nil {
		opt.Default = NewLogChannel(opt.Log)
	}
	opt.Lease = orDuration(opt.Lease, 2*time.Minute)
	opt.Batch = orInt(opt.Batch, 100)
	opt.Workers = orInt(opt.Workers, 8)
	opt.MaxAttempts = orInt(opt.MaxAttempts, 5)
	if opt.Lanes <= 0 && d.Dialect == db.Postgres {
		opt.Lanes = 8
	}
	opt.Lanes = orInt(opt.Lanes, 1)
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := store{db: d}
	return &Dispatcher{store: s, tasks: tasks.NewService(d, opt.Now), opt: opt, channels: newChannelCache(s, opt)}
}

// RunOnce reconciles attempts a crash left open, then sends the rows due now, a chunk
// at a time on each lane until none is due, and returns how many went out.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	d.round.Lock()
	defer d.round.Unlock()
	if err := d.reconcile(ctx); err != nil {
		return 0, err
	}
	var mu sync.Mutex
	var sent int
	var errs []error
	var wg sync.WaitGroup
	for range d.opt.Lanes {
		wg.Go(func() {
			n, err := d.lane(ctx)
			mu.Lock()
			defer mu.Unlock()
			sent += n
			errs = append(errs, err)
		})
	}
	wg.Wait()
	return sent, errors.Join(errs...)
}

// lane sends chunks until one comes back short (nothing more is due) or fails.
func (d *Dispatcher) lane(ctx context.Context) (int, error) {
	sent := 0
	for ctx.Err() == nil {
		n, claimed, err := d.runChunk(ctx)
		sent += n
		if err != nil || claimed < d.opt.Batch {
			return sent, err
		}
	}
	return sent, nil
}

func (d *Dispatcher) now() time.Time { return d.opt.Now().UTC().Truncate(time.Microsecond) }

func orDuration(v, fallback time.Duration) time.Duration {
	if v <= 0 {
		return fallback
	}
	return v
}

func orInt(v, fallback int) int {
	if v <= 0 {
		return fallback
	}
	return v
}
