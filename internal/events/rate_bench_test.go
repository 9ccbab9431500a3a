package events_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/events"
	"github.com/frontdeskhq/frontdesk/visit"
)

// rateBacklog is the backlog each iteration of BenchmarkDeliveryRate drains.
const rateBacklog = 1000

// BenchmarkDeliveryRate drains a backlog of booked events to two subscribers writing
// once per event, while 8 goroutines keep SQLite's single writer busy with small write
// transactions as bookings do; events/s is the relay's rate. one_by_one is the
// baseline, the subscribers as they were (a write transaction per event); prepared
// stages the same writes through Prepare into the round's one transaction.
func BenchmarkDeliveryRate(b *testing.B) {
	for _, mode := range []string{"one_by_one", "prepared"} {
		b.Run(mode, func(b *testing.B) { deliveryRate(b, mode == "prepared") })
	}
}

func deliveryRate(b *testing.B, prepared bool) {
	ctx := context.Background()
	d := dbtest.New(b)
	v := dbtest.SeedVisits(b, d, 1)[0]
	del := events.New(d, []events.Subscriber{markingSub(d, "a", prepared), markingSub(d, "b", prepared)},
		events.Options{Log: quiet})
	defer busyWriters(d, v, 8)()
	var took time.Duration
	n := 0
	for b.Loop() {
		b.StopTimer()
		addBacklog(b, d, v, rateBacklog)
		b.StartTimer()
		start := time.Now()
		for {
			m, err := del.RunOnce(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if m == 0 {
				break
			}
		}
		took += time.Since(start)
		n += rateBacklog
	}
	b.ReportMetric(float64(n)/took.Seconds(), "events/s")
}

// insertMark is a subscriber's own keyed row per event (a scratch subscriber name in
// the delivery log, which has the right shape).
const insertMark = `INSERT INTO event_deliveries (event_id, subscriber, delivered_at) VALUES (?, ?, CURRENT_TIMESTAMP)
	ON CONFLICT (event_id, subscriber) DO NOTHING`

// markingSub writes a row per event: in a transaction of its own, or staged.
func markingSub(d *db.DB, name string, prepared bool) events.Subscriber {
	mark := func(ctx context.Context, tx db.Tx, e visit.Event) error {
		return db.Exec(ctx, tx, insertMark, e.ID, "mark:"+name)
	}
	s := events.Subscriber{Name: name, Handle: func(ctx context.Context, e visit.Event) error {
		return d.InTx(ctx, func(tx db.Tx) error { return mark(ctx, tx, e) })
	}}
	if prepared {
		s.Prepare = func(_ context.Context, es []visit.Event) (func(context.Context, db.Tx) error, error) {
			return func(ctx context.Context, tx db.Tx) error {
				for _, e := range es {
					if err := mark(ctx, tx, e); err != nil {
						return err
					}
				}
				return nil
			}, nil
		}
	}
	return s
}

const touchVisit = `UPDATE appointments SET updated_at = ? WHERE id = ?`

// busyWriters runs n goroutines each writing one small transaction after another,
// until the returned stop.
func busyWriters(d *db.DB, visitID string, n int) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for ctx.Err() == nil {
				_ = d.InTx(ctx, func(tx db.Tx) error { return db.Exec(ctx, tx, touchVisit, time.Now().UTC(), visitID) })
			}
		})
	}
	return func() { cancel(); wg.Wait() }
}

// addBacklog writes n booked events for the visit in one transaction.
func addBacklog(b *testing.B, d *db.DB, visitID string, n int) {
	b.Helper()
	err := d.InTx(context.Background(), func(tx db.Tx) error {
		for range n {
			if err := db.Exec(context.Background(), tx, insertEvent, visitID, "booked", time.Now().UTC()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
