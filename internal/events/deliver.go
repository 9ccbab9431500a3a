package events

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"sync"

	"github.com/frontdeskhq/frontdesk/visit"
)

// deliverAll hands the batch to one subscriber after another, each taking all the
// events it owes at once: a subscriber with HandleBatch pays one write transaction
// for the batch instead of one per event, where each queued behind the bookings at
// SQLite's single writer. An event keeps today's order per event (subscribers in the
// order given) and a subscriber failing it stops it there: the later ones take it on
// the retry, as when events went one at a time.
func (d *Delivery) deliverAll(ctx context.Context, batch []claimed, done map[int64][]string) outcome {
	var out outcome
	stopped := make(map[int64]bool)
	for _, s := range d.subs {
		owed := owedBy(s, batch, done, stopped)
		if len(owed) == 0 {
			continue
		}
		took := d.deliverTo(ctx, s, owed, &out)
		for _, e := range owed {
			if took[e.ID] {
				out.took = append(out.took, deliveryRow{EventID: e.ID, Subscriber: s.Name})
			} else {
				stopped[e.ID] = true
			}
		}
	}
	for _, e := range batch {
		if !stopped[e.ID] {
			out.closed = append(out.closed, e.ID)
		}
	}
	return out
}

// owedBy picks the events of batch s wants, has not taken yet, and no subscriber
// before it stopped.
func owedBy(s Subscriber, batch []claimed, done map[int64][]string, stopped map[int64]bool) []claimed {
	var owed []claimed
	for _, e := range batch {
		if s.wants(e.Kind) && !stopped[e.ID] && !slices.Contains(done[e.ID], s.Name) {
			owed = append(owed, e)
		}
	}
	return owed
}

// deliverTo hands owed to s, in one call when s takes batches, and returns the events
// it took; a failure is noted in out. A failed batch is handed out again one event at
// a time, so that only the events that fail alone wait for a retry.
func (d *Delivery) deliverTo(ctx context.Context, s Subscriber, owed []claimed, out *outcome) map[int64]bool {
	if s.HandleBatch != nil {
		es := make([]visit.Event, len(owed))
		for i, e := range owed {
			es[i] = e.Event
		}
		err := callBatch(ctx, s, es)
		if err == nil {
			took := make(map[int64]bool, len(owed))
			for _, e := range owed {
				took[e.ID] = true
			}
			return took
		}
		d.opt.Log.Info("event batch failed, delivering one by one", "subscriber", s.Name,
			"events", len(owed), "error", err.Error())
	}
	return d.oneByOne(ctx, s, owed, out)
}

// oneByOne hands owed to s an event at a time in Lanes goroutines, each visit's events
// in one lane in order (a visit's booking before its cancellation), different visits
// side by side: each call's own write transaction waits its turn at SQLite's single
// writer behind every booking, and one at a time the relay fell seconds behind.
func (d *Delivery) oneByOne(ctx context.Context, s Subscriber, owed []claimed, out *outcome) map[int64]bool {
	lanes := make([][]claimed, d.opt.Lanes)
	for _, e := range owed {
		h := fnv.New32a()
		_, _ = h.Write([]byte(e.VisitID))
		i := h.Sum32() % uint32(len(lanes))
		lanes[i] = append(lanes[i], e)
	}
	var mu sync.Mutex
	took := make(map[int64]bool, len(owed))
	var wg sync.WaitGroup
	for _, lane := range lanes {
		wg.Go(func() {
			for _, e := range lane {
				if ctx.Err() != nil {
					return
				}
				err := call(ctx, s, e.Event)
				mu.Lock()
				if err != nil {
					out.failed = append(out.failed, d.failed(e, fmt.Errorf("subscriber %s: %w", s.Name, err)))
				} else {
					took[e.ID] = true
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return took
}
