package events_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/events"
	"github.com/frontdeskhq/frontdesk/visit"
)

// calls counts each subscriber's calls per event.
type calls struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *calls) handler(name string, fail func(e visit.Event) error) func(context.Context, visit.Event) error {
	return func(_ context.Context, e visit.Event) error {
		c.mu.Lock()
		c.n[fmt.Sprintf("%s/%d", name, e.ID)]++
		c.mu.Unlock()
		if fail != nil {
			return fail(e)
		}
		return nil
	}
}

func (c *calls) of(name string, id int64) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[fmt.Sprintf("%s/%d", name, id)]
}

func (c *calls) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	sum := 0
	for _, n := range c.n {
		sum += n
	}
	return sum
}

const insertEvent = `INSERT INTO appointment_events (appointment_id, kind, from_status, to_status, actor_kind, at)
	VALUES (?, ?, '', 'booked', 'staff', ?)`

// addEvents writes n more events of kind for the visit, as booking's transactions do.
func addEvents(t testing.TB, d *db.DB, visitID, kind string, n int) {
	t.Helper()
	for range n {
		if err := db.Exec(context.Background(), d.W, insertEvent, visitID, kind, time.Now().UTC()); err != nil {
			t.Fatal(err)
		}
	}
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func drain(t *testing.T, d *events.Delivery) {
	t.Helper()
	for range 100 {
		n, err := d.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("events never drained")
}

func eventIDs(t *testing.T, d *db.DB) []int64 {
	t.Helper()
	var ids []int64
	if err := db.Select(context.Background(), d.R, &ids, `SELECT id FROM appointment_events ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	return ids
}

func open(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := db.Get(context.Background(), d.R, &n, `SELECT COUNT(*) FROM appointment_events WHERE delivered_at IS NULL`); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestEachSubscriberActsOncePerEvent: every subscriber gets the kinds it asked for,
// once, and an event delivered again (its row reopened, as after a crash before the
// event was closed) reaches no subscriber that the delivery log says already took it.
func TestEachSubscriberActsOncePerEvent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		v := dbtest.SeedVisits(t, d, 1)[0]
		addEvents(t, d, v, "booked", 4)
		addEvents(t, d, v, "cancelled", 3)
		c := &calls{n: map[string]int{}}
		del := events.New(d, []events.Subscriber{
			{Name: "all", Handle: c.handler("all", nil)},
			{Name: "booked", Kinds: []visit.Kind{visit.EventBooked}, Handle: c.handler("booked", nil)},
		}, events.Options{Batch: 3, Log: quiet})
		drain(t, del)
		ids := eventIDs(t, d)
		for i, id := range ids {
			wantBooked := 0
			if i < 5 {
				wantBooked = 1
			}
			if c.of("all", id) != 1 || c.of("booked", id) != wantBooked {
				t.Errorf("event %d: all %d, booked %d (want 1, %d)", id, c.of("all", id), c.of("booked", id), wantBooked)
			}
		}
		if err := db.Exec(context.Background(), d.W, `UPDATE appointment_events SET delivered_at = NULL, claimed_until = NULL`); err != nil {
			t.Fatal(err)
		}
		drain(t, del)
		if c.total() != 8+5 || open(t, d) != 0 {
			t.Errorf("after redelivery: %d calls (want 13), %d open events", c.total(), open(t, d))
		}
	})
}

// TestAFailingSubscriberIsRetriedAlone: one subscriber's failure keeps the event open
// and retries it after a backoff, without the subscribers that took it acting again;
// a panic is a failure like any other.
func TestAFailingSubscriberIsRetriedAlone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		dbtest.SeedVisits(t, d, 1)
		var now atomic.Int64
		now.Store(time.Now().UnixNano())
		clock := func() time.Time { return time.Unix(0, now.Load()) }
		c := &calls{n: map[string]int{}}
		failures := 2
		fail := func(visit.Event) error {
			failures--
			switch failures {
			case 1:
				return errors.New("provider down")
			case 0:
				panic("bad event")
			}
			return nil
		}
		del := events.New(d, []events.Subscriber{
			{Name: "steady", Handle: c.handler("steady", nil)},
			{Name: "flaky", Handle: c.handler("flaky", fail)},
		}, events.Options{Log: quiet, Now: clock})
		id := eventIDs(t, d)[0]
		for round := 1; round <= 3; round++ {
			drain(t, del)
			if c.of("flaky", id) != round {
				t.Fatalf("round %d: flaky called %d times before its backoff ended", round, c.of("flaky", id))
			}
			now.Add(int64(time.Minute))
		}
		drain(t, del)
		if c.of("steady", id) != 1 || c.of("flaky", id) != 3 || open(t, d) != 0 {
			t.Errorf("steady %d (want 1), flaky %d (want 3), %d open", c.of("steady", id), c.of("flaky", id), open(t, d))
		}
	})
}

// TestInstancesDeliverOncePerSubscriber: several instances (each with its own
// delivery, rounds running at once) hand every event to every subscriber once.
func TestInstancesDeliverOncePerSubscriber(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		v := dbtest.SeedVisits(t, d, 1)[0]
		addEvents(t, d, v, "booked", 299)
		c := &calls{n: map[string]int{}}
		subs := []events.Subscriber{{Name: "a", Handle: c.handler("a", nil)}, {Name: "b", Handle: c.handler("b", nil)}}
		var wg sync.WaitGroup
		for range 4 {
			del := events.New(d, subs, events.Options{Batch: 20, Log: quiet})
			wg.Go(func() {
				for open(t, d) > 0 {
					if _, err := del.RunOnce(context.Background()); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		for _, id := range eventIDs(t, d) {
			if c.of("a", id) != 1 || c.of("b", id) != 1 {
				t.Fatalf("event %d: a %d, b %d times", id, c.of("a", id), c.of("b", id))
			}
		}
	})
}
