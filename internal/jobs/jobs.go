// Package jobs runs Frontdesk's background work on River, on whichever database the app
// uses: the periodic jobs internal/app registers (visit events, the outbox dispatch,
// the reminder sweep …) with retries and backoff, and on PostgreSQL one leader across
// app instances, which alone schedules them. Jobs only move our own rows forward; the
// truth is never a River job, so a job retried or run twice never acts twice.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// Options are the periodic work the runner does; zero values take the defaults.
type Options struct {
	// Periodic are the jobs internal/app registers, each run every period on one
	// instance (on PostgreSQL River's elected leader schedules them).
	Periodic []Periodic
	// Loops run beside River for the runner's life; Stop ends them first.
	Loops []Loop
	// StopTimeout bounds how long Stop waits for running jobs (default 10 s).
	StopTimeout time.Duration
	Log         *slog.Logger
}

func (o *Options) defaults() {
	if o.StopTimeout <= 0 {
		o.StopTimeout = 10 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
}

// client is what the runner needs of a *river.Client, whichever its transaction type.
type client interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
}

// Runner is a started River client; Stop it before the database closes.
type Runner struct {
	client  client
	release func()
	opt     Options
	loops   *loops
}

// Start migrates River's own tables (apart from goose's: River versions them itself)
// and starts a client on d: on SQLite over the one writer connection, on PostgreSQL
// over a pgx pool of its own, closed by Stop.
func Start(ctx context.Context, d *db.DB, o Options) (*Runner, error) {
	o.defaults()
	if d.Dialect == db.Postgres {
		return startPostgres(ctx, d.DSN, o)
	}
	driver := riversqlite.New(d.W.DB)
	if err := migrate(ctx, driver); err != nil {
		return nil, err
	}
	return start(ctx, driver, o)
}

// startPostgres opens the runner's own pool, migrates River's tables under an advisory
// lock and starts the client; the pool closes with the runner.
func startPostgres(ctx context.Context, dsn string, o Options) (*Runner, error) {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("jobs: open pool: %w", err)
	}
	driver := riverpgxv5.New(pool)
	if err := migrateLocked(ctx, pool, driver); err != nil {
		pool.Close()
		return nil, err
	}
	r, err := start(ctx, driver, o)
	if err != nil {
		pool.Close()
		return nil, err
	}
	r.release = pool.Close
	return r, nil
}

// riverMigrationLock keys the advisory lock under which instances starting together
// migrate River's tables one at a time: rivermigrate takes no lock of its own.
const riverMigrationLock = 0x0f0d_7269

// migrateLocked runs migrate while holding riverMigrationLock on a connection of pool.
func migrateLocked(ctx context.Context, pool *pgxpool.Pool, driver *riverpgxv5.Driver) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, riverMigrationLock); err != nil {
		return fmt.Errorf("jobs: lock river migrations: %w", err)
	}
	defer func() { _, _ = conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, riverMigrationLock) }()
	return migrate(ctx, driver)
}

func start[TTx any](ctx context.Context, driver riverdriver.Driver[TTx], o Options) (*Runner, error) {
	cfg, err := config(o)
	if err != nil {
		return nil, err
	}
	c, err := river.NewClient(driver, cfg)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	if err := c.Start(ctx); err != nil {
		return nil, fmt.Errorf("jobs: start: %w", err)
	}
	return &Runner{client: c, release: func() {}, opt: o, loops: startLoops(o.Loops)}, nil
}

// migrate brings River's tables up to the version this build of River needs.
func migrate[TTx any](ctx context.Context, driver riverdriver.Driver[TTx]) error {
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return fmt.Errorf("jobs: migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate river tables: %w", err)
	}
	return nil
}

// Stop lets running jobs finish within StopTimeout, then cancels what is left, and
// closes the runner's own pool: after it returns the database may close.
func (r *Runner) Stop() {
	r.loops.stop()
	ctx, cancel := context.WithTimeout(context.Background(), r.opt.StopTimeout)
	defer cancel()
	err := r.client.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		r.opt.Log.Warn("jobs: running jobs outlived the stop timeout; cancelling them")
		hard, cancelHard := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancelHard()
		err = r.client.StopAndCancel(hard)
	}
	if err != nil {
		r.opt.Log.Error("jobs: stop", "err", err)
	}
	r.release()
}
