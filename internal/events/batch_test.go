package events_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/events"
	"github.com/frontdeskhq/frontdesk/visit"
)

// batches records what a batch subscriber was handed.
type batches struct {
	mu     sync.Mutex
	sizes  []int
	seen   []int64
	single []int64
}

func (b *batches) batch(bad int64) func(context.Context, []visit.Event) error {
	return func(_ context.Context, es []visit.Event) error {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.sizes = append(b.sizes, len(es))
		for _, e := range es {
			if e.ID == bad {
				return errors.New("bad event in the batch")
			}
		}
		for _, e := range es {
			b.seen = append(b.seen, e.ID)
		}
		return nil
	}
}

func (b *batches) one(bad int64) func(context.Context, visit.Event) error {
	return func(_ context.Context, e visit.Event) error {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.single = append(b.single, e.ID)
		if e.ID == bad {
			return errors.New("bad event")
		}
		b.seen = append(b.seen, e.ID)
		return nil
	}
}

// TestABatchSubscriberTakesTheRoundAtOnce: a subscriber with HandleBatch gets a
// round's events in one call, oldest first, and each event once.
func TestABatchSubscriberTakesTheRoundAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		vs := dbtest.SeedVisits(t, d, 3)
		for _, v := range vs {
			addEvents(t, d, v, "booked", 10)
		}
		b := &batches{}
		c := &calls{n: map[string]int{}}
		del := events.New(d, []events.Subscriber{
			{Name: "batch", HandleBatch: b.batch(0)},
			{Name: "after", Handle: c.handler("after", nil)},
		}, events.Options{Batch: 50, Log: quiet})
		drain(t, del)
		ids := eventIDs(t, d)
		if !slices.Equal(b.seen, ids) || len(b.sizes) != 1 || len(b.single) != 0 {
			t.Errorf("batch saw %v in batches %v (want %v in one)", b.seen, b.sizes, ids)
		}
		for _, id := range ids {
			if c.of("after", id) != 1 {
				t.Errorf("event %d: after called %d times", id, c.of("after", id))
			}
		}
	})
}

// TestAFailedBatchIsDeliveredOneByOne: a batch that fails is handed out again an event
// at a time, so only the event that fails alone stays open, and the subscribers after
// the failing one wait for its retry.
func TestAFailedBatchIsDeliveredOneByOne(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		v := dbtest.SeedVisits(t, d, 1)[0]
		addEvents(t, d, v, "booked", 5)
		ids := eventIDs(t, d)
		bad := ids[2]
		b := &batches{}
		c := &calls{n: map[string]int{}}
		del := events.New(d, []events.Subscriber{
			{Name: "batch", HandleBatch: b.batch(bad), Handle: b.one(bad)},
			{Name: "after", Handle: c.handler("after", nil)},
		}, events.Options{Log: quiet})
		drain(t, del)
		want := slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return id == bad })
		if !slices.Equal(b.seen, want) || !slices.Equal(b.single, ids) {
			t.Errorf("took %v one by one %v (want %v, %v)", b.seen, b.single, want, ids)
		}
		if c.of("after", bad) != 0 || c.of("after", ids[0]) != 1 || open(t, d) != 1 {
			t.Errorf("after took the bad event %d times, the first %d; %d open (want 0, 1, 1)",
				c.of("after", bad), c.of("after", ids[0]), open(t, d))
		}
	})
}

// TestBatchesGrowWhileBehind: rounds that come back full claim more the next time,
// up to MaxBatch, so a backlog is worked off in fewer rounds.
func TestBatchesGrowWhileBehind(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		v := dbtest.SeedVisits(t, d, 1)[0]
		addEvents(t, d, v, "booked", 70)
		b := &batches{}
		del := events.New(d, []events.Subscriber{{Name: "batch", HandleBatch: b.batch(0)}},
			events.Options{Batch: 10, MaxBatch: 40, Log: quiet})
		drain(t, del)
		// 71 events: the seeded visit's own and the 70 added.
		if want := []int{10, 20, 40, 1}; !slices.Equal(b.sizes, want) {
			t.Errorf("batches of %v, want %v", b.sizes, want)
		}
	})
}
