package events_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/events"
	"github.com/frontdeskhq/frontdesk/visit"
)

// TestFollowDeliversEventsWrittenWhileItRuns: events committed after the relay caught
// up reach every subscriber once within the same run, not a period later.
func TestFollowDeliversEventsWrittenWhileItRuns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		v := dbtest.SeedVisits(t, d, 1)[0]
		c := &calls{n: map[string]int{}}
		del := events.New(d, []events.Subscriber{
			{Name: "all", Handle: c.handler("all", nil)},
			{Name: "booked", Kinds: []visit.Kind{visit.EventBooked}, Handle: c.handler("booked", nil)},
		}, events.Options{Log: quiet})
		ctx, cancel := context.WithCancel(context.Background())
		ran := make(chan error, 1)
		go func() { ran <- del.Follow(ctx, time.Minute) }()
		addEvents(t, d, v, "booked", 3)
		addEvents(t, d, v, "cancelled", 2)
		for deadline := time.Now().Add(30 * time.Second); open(t, d) > 0 && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		if err := <-ran; err != nil && !errors.Is(err, context.Canceled) {
			t.Fatal(err)
		}
		var all, booked int
		if err := db.Get(context.Background(), d.R, &all, `SELECT COUNT(*) FROM appointment_events`); err != nil {
			t.Fatal(err)
		}
		if err := db.Get(context.Background(), d.R, &booked, `SELECT COUNT(*) FROM appointment_events WHERE kind = 'booked'`); err != nil {
			t.Fatal(err)
		}
		if open(t, d) != 0 || c.total() != all+booked || all < 5 {
			t.Errorf("%d events open, %d calls (want 0 and %d)", open(t, d), c.total(), all+booked)
		}
	})
}

// TestFollowLeavesNothingLeased: rounds claim the next batch as they settle, but the
// last one before the budget ends claims none, so a relay that stops leaves no event
// waiting for a lease to lapse.
func TestFollowLeavesNothingLeased(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		v := dbtest.SeedVisits(t, d, 1)[0]
		addEvents(t, d, v, "booked", 300)
		c := &calls{n: map[string]int{}}
		slow := func(visit.Event) error { time.Sleep(2 * time.Millisecond); return nil }
		del := events.New(d, []events.Subscriber{{Name: "all", Handle: c.handler("all", slow)}},
			events.Options{Batch: 5, MaxBatch: 5, Log: quiet})
		if err := del.Follow(context.Background(), 30*time.Millisecond); err != nil {
			t.Fatal(err)
		}
		var leased int
		if err := db.Get(context.Background(), d.R, &leased,
			`SELECT COUNT(*) FROM appointment_events WHERE delivered_at IS NULL AND claimed_until IS NOT NULL`); err != nil {
			t.Fatal(err)
		}
		if leased != 0 || open(t, d) == 0 {
			t.Errorf("%d events left leased, %d open (want 0 and a backlog)", leased, open(t, d))
		}
		drain(t, del)
		if c.total() != 301 {
			t.Errorf("%d calls for 301 events", c.total())
		}
	})
}

// BenchmarkRunOnce delivers a batch of 200 booked events to two subscribers: the
// relay's own cost per event (claim, delivery log, closing), the handlers doing nothing.
func BenchmarkRunOnce(b *testing.B) {
	d := dbtest.New(b)
	v := dbtest.SeedVisits(b, d, 1)[0]
	nop := func(context.Context, visit.Event) error { return nil }
	del := events.New(d, []events.Subscriber{{Name: "a", Handle: nop}, {Name: "b", Handle: nop}},
		events.Options{Batch: 200, MaxBatch: 200, Log: quiet})
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		addEvents(b, d, v, "booked", 200)
		b.StartTimer()
		if n, err := del.RunOnce(context.Background()); err != nil || n != 200 {
			b.Fatal(n, err)
		}
	}
}

// TestOverlappingFollowsDeliverOnce: the periodic job may start a Follow while the last
// one still drains; four at once over one backlog all end without error (no round lost
// to two claims deadlocking) and every event reaches the subscriber once.
func TestOverlappingFollowsDeliverOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		v := dbtest.SeedVisits(t, d, 1)[0]
		addEvents(t, d, v, "booked", 1999)
		c := &calls{n: map[string]int{}}
		del := events.New(d, []events.Subscriber{{Name: "all", Handle: c.handler("all", nil)}},
			events.Options{Batch: 20, Log: quiet})
		errs := make(chan error, 4)
		for range 4 {
			go func() { errs <- del.Follow(context.Background(), 300*time.Millisecond) }()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		drain(t, del)
		for _, id := range eventIDs(t, d) {
			if n := c.of("all", id); n != 1 {
				t.Fatalf("event %d delivered %d times", id, n)
			}
		}
	})
}
