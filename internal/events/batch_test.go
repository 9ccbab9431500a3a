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

// batches records what a subscriber with Prepare was handed.
type batches struct {
	mu     sync.Mutex
	sizes  []int
	seen   []int64
	single []int64
}

// ghost is a delivery row a failed staged write leaves, unless rolled back.
const insertGhost = `INSERT INTO event_deliveries (event_id, subscriber, delivered_at) VALUES (?, 'ghost', CURRENT_TIMESTAMP)`

// prepare fails the batch holding bad: in Prepare when early, else in its writes
// (after a write of its own, which must be undone).
func (b *batches) prepare(bad int64, early bool) func(context.Context, []visit.Event) (func(context.Context, db.Tx) error, error) {
	return func(_ context.Context, es []visit.Event) (func(context.Context, db.Tx) error, error) {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.sizes = append(b.sizes, len(es))
		ids := make([]int64, len(es))
		for i, e := range es {
			ids[i] = e.ID
		}
		if !slices.Contains(ids, bad) {
			return func(context.Context, db.Tx) error {
				b.mu.Lock()
				defer b.mu.Unlock()
				b.seen = append(b.seen, ids...)
				return nil
			}, nil
		}
		if early {
			return nil, errors.New("bad event in the batch")
		}
		return func(ctx context.Context, tx db.Tx) error {
			if err := db.Exec(ctx, tx, insertGhost, bad); err != nil {
				return err
			}
			return errors.New("bad event in the batch's writes")
		}, nil
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

// TestAPreparingSubscriberTakesTheRoundAtOnce: a subscriber with Prepare gets a
// round's events in one call (on PostgreSQL when the round is within Chunk; a
// larger one a call per lane), each visit's oldest first, and each event once.
func TestAPreparingSubscriberTakesTheRoundAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		vs := dbtest.SeedVisits(t, d, 3)
		for _, v := range vs {
			addEvents(t, d, v, "booked", 10)
		}
		b := &batches{}
		c := &calls{n: map[string]int{}}
		del := events.New(d, []events.Subscriber{
			{Name: "batch", Prepare: b.prepare(0, false), Handle: b.one(0)},
			{Name: "after", Handle: c.handler("after", nil)},
		}, events.Options{Batch: 50, Chunk: 40, Log: quiet})
		drain(t, del)
		ids := eventIDs(t, d)
		seen := slices.Sorted(slices.Values(b.seen))
		if !slices.Equal(seen, ids) || len(b.sizes) != 1 || len(b.single) != 0 {
			t.Errorf("batch saw %v in batches %v (want %v, in one)", b.seen, b.sizes, ids)
		}
		for _, v := range vs {
			if got := visitOrder(t, d, v, b.seen); !slices.IsSorted(got) {
				t.Errorf("visit %s's events taken in the order %v", v, got)
			}
		}
		for _, id := range ids {
			if c.of("after", id) != 1 {
				t.Errorf("event %d: after called %d times", id, c.of("after", id))
			}
		}
	})
}

// visitOrder is the order in which seen holds the events of visitID.
func visitOrder(t *testing.T, d *db.DB, visitID string, seen []int64) []int64 {
	t.Helper()
	var ids []int64
	if err := db.Select(context.Background(), d.R, &ids, `SELECT id FROM appointment_events WHERE appointment_id = ?`, visitID); err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(slices.Clone(seen), func(id int64) bool { return !slices.Contains(ids, id) })
}

// TestAFailedBatchIsDeliveredOneByOne: a batch whose Prepare or whose writes fail
// (the writes undone) is handed out again an event at a time, so only the event that
// fails alone stays open, for that subscriber alone.
func TestAFailedBatchIsDeliveredOneByOne(t *testing.T) {
	for name, early := range map[string]bool{"prepare": true, "writes": false} {
		t.Run(name, func(t *testing.T) { failedBatch(t, early) })
	}
}

// failedBatch fails the batch early (in Prepare) or late (in its writes).
func failedBatch(t *testing.T, early bool) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		v := dbtest.SeedVisits(t, d, 1)[0]
		addEvents(t, d, v, "booked", 5)
		ids := eventIDs(t, d)
		bad := ids[2]
		b := &batches{}
		c := &calls{n: map[string]int{}}
		del := events.New(d, []events.Subscriber{
			{Name: "batch", Prepare: b.prepare(bad, early), Handle: b.one(bad)},
			{Name: "after", Handle: c.handler("after", nil)},
		}, events.Options{Log: quiet})
		drain(t, del)
		want := slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return id == bad })
		if !slices.Equal(b.seen, want) || !slices.Equal(b.single, ids) {
			t.Errorf("early %v: took %v one by one %v (want %v, %v)", early, b.seen, b.single, want, ids)
		}
		var ghosts int
		_ = db.Get(context.Background(), d.R, &ghosts, `SELECT COUNT(*) FROM event_deliveries WHERE subscriber = 'ghost'`)
		if c.of("after", bad) != 1 || open(t, d) != 1 || ghosts != 0 {
			t.Errorf("early %v: after took the bad event %d times; %d open; %d ghost rows (want 1, 1, 0)",
				early, c.of("after", bad), open(t, d), ghosts)
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
		del := events.New(d, []events.Subscriber{{Name: "batch", Prepare: b.prepare(0, false), Handle: b.one(0)}},
			events.Options{Batch: 10, MaxBatch: 40, Log: quiet})
		drain(t, del)
		// 71 events of one visit (so one lane): the seeded visit's own and the 70 added.
		if want := []int{10, 20, 40, 1}; !slices.Equal(b.sizes, want) {
			t.Errorf("batches of %v, want %v", b.sizes, want)
		}
	})
}
