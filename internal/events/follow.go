package events

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// followPoll is how often Follow looks for new events once it has caught up: the
// delivery lag it adds, at the price of one indexed read on the reader pool.
const followPoll = 50 * time.Millisecond

// Follow delivers events for budget: batch after batch while there is a backlog, and
// once caught up it looks for new ones every followPoll (a read, so an idle relay never
// takes the writer) instead of waiting for the next period. Run every budget, it keeps
// the lag from an event's commit to its delivery near followPoll rather than the period.
//
// While there is a backlog, each round's settling transaction claims the next batch:
// one turn at the writer a round instead of two (the turn, not the work, is what a
// round waits for behind the bookings on SQLite). The last round before budget claims
// none, so nothing is left leased when Follow returns.
//
// Follows take turns, each until its own stop: the periodic job starts the next one
// while the last still settles its final rounds, and two claiming at once on
// PostgreSQL locked the same open events in different orders and deadlocked, failing
// a round whose events then waited for their lease (under the load harness, 47 events
// still open 5 s after the booking phase).
func (d *Delivery) Follow(ctx context.Context, budget time.Duration) error {
	stop := time.Now().Add(budget)
	d.following.Lock()
	defer d.following.Unlock()
	tick := time.NewTicker(followPoll)
	defer tick.Stop()
	var (
		b   batch
		err error
	)
	for len(b.events) > 0 || time.Now().Before(stop) {
		if len(b.events) > 0 {
			b, err = d.round(ctx, b, time.Now().Before(stop))
		} else {
			b, err = d.claim(ctx, d.store.db.W)
		}
		if err != nil {
			return err
		}
		if len(b.events) > 0 || !time.Now().Before(stop) {
			continue
		}
		if err := d.waitForOpen(ctx, tick, stop); err != nil {
			return err
		}
	}
	return nil
}

// waitForOpen returns once an open event is there to claim, or at stop.
func (d *Delivery) waitForOpen(ctx context.Context, tick *time.Ticker, stop time.Time) error {
	for time.Now().Before(stop) {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
		open, err := d.store.anyOpen(ctx, d.now())
		if err != nil || open {
			return err
		}
	}
	return nil
}

// selectAnyOpen finds one event ready to claim, on the (delivered_at, id) index.
const selectAnyOpen = `SELECT COUNT(*) FROM (SELECT id FROM appointment_events
	WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?) LIMIT 1) AS open`

func (s store) anyOpen(ctx context.Context, now time.Time) (bool, error) {
	var n int
	err := db.Get(ctx, s.db.R, &n, selectAnyOpen, now)
	return n > 0, err
}

// Run follows the events until ctx ends, for a runner's loop: the relay's lag is then
// followPoll, whatever the scheduler of periodic jobs is doing. A failed round is
// logged and tried again a second later.
func (d *Delivery) Run(ctx context.Context) {
	for ctx.Err() == nil {
		err := d.Follow(ctx, time.Minute)
		if err == nil || ctx.Err() != nil {
			continue
		}
		d.opt.Log.Warn("event delivery round failed", "error", err.Error())
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}
