package main

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// bookingResult is what the booking phases measured and what the database holds
// afterwards.
type bookingResult struct {
	app, bare phaseResult
	// overlaps counts pairs of active appointments sharing a doctor or a chair whose
	// [starts_at, blocked_until) intersect, over the whole table: it must be 0.
	overlaps int
	// stored is the rows the app phase left, which must equal its 201s.
	stored int
	// checkTook is how long the overlap query ran.
	checkTook time.Duration
	// writeTx is the app phase's write transactions, BEGIN to COMMIT.
	writeTx dist
	// writers is the app phase's writer time by the function that held it.
	writers []callerTime
	// events is how the phase's visit events reached their subscribers.
	events lagResult
}

// countOverlaps is the self-join of active appointments. Two intervals intersect
// exactly when one starts inside the other, so each join asks for b starting in
// [a.starts_at, a.blocked_until): that walks the (doctor_id, starts_at) and
// (chair_id, starts_at) indexes instead of comparing every pair of a resource's rows.
const countOverlaps = `SELECT
	(SELECT COUNT(*) FROM appointments a JOIN appointments b
		ON b.doctor_id = a.doctor_id AND b.starts_at >= a.starts_at AND b.starts_at < a.blocked_until AND b.id <> a.id
		WHERE a.status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
		AND b.status IN ('held', 'booked', 'confirmed', 'arrived', 'seated'))
	+
	(SELECT COUNT(*) FROM appointments a JOIN appointments b
		ON b.chair_id = a.chair_id AND b.starts_at >= a.starts_at AND b.starts_at < a.blocked_until AND b.id <> a.id
		WHERE a.status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
		AND b.status IN ('held', 'booked', 'confirmed', 'arrived', 'seated'))`

// countBranchRows counts a branch's appointments: at the booking branch, the app
// phase's bookings.
const countBranchRows = `SELECT COUNT(*) FROM appointments WHERE branch_id = ?`

// analyzeAll refreshes PostgreSQL's planner statistics.
const analyzeAll = `ANALYZE`

// analyze runs after bulk writes on PostgreSQL. A clinic's server has long since been
// analyzed by autovacuum; right after a bulk load it has not, and the planner picks
// plans no production server would (the overlap self-join ran as a hash join: 40 s
// instead of under one). SQLite has no such daemon, so it is left as the app leaves it.
func analyze(ctx context.Context, d *db.DB) error {
	if d.Dialect != db.Postgres {
		return nil
	}
	return db.Exec(ctx, d.W, analyzeAll)
}

// measureBooking runs the baseline first and the app second, so the app books into
// the bigger table: if either is favoured by the order, it is the baseline.
func measureBooking(ctx context.Context, srv *server, w *world, opt options, rep *report) error {
	r := &rep.booking
	r.bare = measureBare(ctx, srv, w, opt)
	d := srv.svc.DB
	err := profile(opt.cpuProfile, rep.kind, func() error {
		var tx txTimes
		r.writeTx, r.writers = tx.during(d, func() { r.app = measureApp(ctx, srv, w, opt) })
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	if r.events, err = measureLag(ctx, d, w, time.Now()); err != nil {
		return err
	}
	t0 := time.Now()
	if err := analyze(ctx, d); err != nil {
		return err
	}
	if err := db.Get(ctx, d.W, &r.overlaps, countOverlaps); err != nil {
		return err
	}
	r.checkTook = time.Since(t0)
	return db.Get(ctx, d.W, &r.stored, countBranchRows, w.bookings.branch.ID)
}

// failed reports a broken promise: overlapping appointments, or 201s the database
// does not hold (or rows nobody was told about).
func (r bookingResult) failed() bool {
	return r.overlaps != 0 || r.stored != r.app.ok
}
