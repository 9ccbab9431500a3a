package main

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// drainGrace is how long after the booking phase the visit events have to be all
// delivered (the events target: no backlog left 5 s after the phase ends).
const drainGrace = 5 * time.Second

// lagResult is how the visit events of the app phase's bookings reached their
// subscribers: from the event's row (written in the booking's transaction) to the
// moment every subscriber had taken it.
type lagResult struct {
	lag dist
	// events and open are the phase's events and those still undelivered drainGrace
	// after the phase ended.
	events, open int
}

// eventTimes are the phase's booking events at the booking branch.
const selectEventTimes = `SELECT e.at, e.delivered_at FROM appointment_events e
	JOIN appointments a ON a.id = e.appointment_id
	WHERE a.branch_id = ? AND e.kind = 'booked'`

type eventTime struct {
	At          time.Time  `db:"at"`
	DeliveredAt *time.Time `db:"delivered_at"`
}

// measureLag waits until drainGrace after the phase ended, then reads the delivery
// times of the events the phase's bookings wrote.
func measureLag(ctx context.Context, d *db.DB, w *world, ended time.Time) (lagResult, error) {
	select {
	case <-time.After(time.Until(ended.Add(drainGrace))):
	case <-ctx.Done():
		return lagResult{}, ctx.Err()
	}
	var rows []eventTime
	if err := db.Select(ctx, d.R, &rows, selectEventTimes, w.bookings.branch.ID); err != nil {
		return lagResult{}, err
	}
	r := lagResult{events: len(rows)}
	lags := make([]time.Duration, 0, len(rows))
	for _, e := range rows {
		if e.DeliveredAt == nil {
			r.open++
			continue
		}
		lags = append(lags, e.DeliveredAt.Sub(e.At))
	}
	r.lag = distOf(lags)
	return r, nil
}

// txTimes collects the write transactions' durations while the app phase runs, and
// the writer's time by the function that ran each.
type txTimes struct {
	mu   sync.Mutex
	took []time.Duration
	by   map[string]*callerTime
}

// callerTime is one caller's write transactions in the phase.
type callerTime struct {
	caller string
	n      int
	total  time.Duration
}

func (t *txTimes) add(w db.WriteTx) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.took = append(t.took, w.Took)
	c := t.by[w.Caller]
	if c == nil {
		c = &callerTime{caller: w.Caller}
		t.by[w.Caller] = c
	}
	c.n, c.total = c.n+1, c.total+w.Took
}

// during runs fn with every write transaction of d timed; it answers their
// distribution and the callers by writer time, most first.
func (t *txTimes) during(d *db.DB, fn func()) (dist, []callerTime) {
	t.by = map[string]*callerTime{}
	d.ObserveWriteTx(t.add)
	fn()
	d.ObserveWriteTx(nil)
	t.mu.Lock()
	defer t.mu.Unlock()
	callers := make([]callerTime, 0, len(t.by))
	for _, c := range t.by {
		callers = append(callers, *c)
	}
	slices.SortFunc(callers, func(a, b callerTime) int { return cmp.Compare(b.total, a.total) })
	return distOf(t.took), callers
}
