package events

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"sync"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// result is what one subscriber made of a round.
type result struct {
	sub  Subscriber
	owed []claimed
	// took are the events it took and committed already; failed those it failed.
	took   []int64
	failed []failure
	// write is Prepare's writes for all of owed, still to run when staged.
	write  func(context.Context, db.Tx) error
	staged bool
}

// deliverAll hands the round to every subscriber at once, each taking all the events it
// owes: Prepare's reads (its writes wait for the round's one transaction), or Handle
// an event at a time. Subscribers run side by side and apart: one failing an event
// leaves it open for that one alone, the others take it now.
func (d *Delivery) deliverAll(ctx context.Context, batch []claimed, done map[int64][]string) []result {
	results := make([]result, 0, len(d.subs))
	for _, s := range d.subs {
		if owed := owedBy(s, batch, done); len(owed) > 0 {
			results = append(results, result{sub: s, owed: owed})
		}
	}
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() { d.run(ctx, &results[i]) })
	}
	wg.Wait()
	return results
}

// owedBy picks the events of batch s wants and has not taken yet.
func owedBy(s Subscriber, batch []claimed, done map[int64][]string) []claimed {
	var owed []claimed
	for _, e := range batch {
		if s.wants(e.Kind) && !slices.Contains(done[e.ID], s.Name) {
			owed = append(owed, e)
		}
	}
	return owed
}

// run delivers r.owed to r.sub: through Prepare when it has one and that succeeds
// (staged for the round's transaction, or in chunks on PostgreSQL), else one by one.
func (d *Delivery) run(ctx context.Context, r *result) {
	if r.sub.Prepare != nil && !d.stage {
		r.took, r.failed = d.inChunks(ctx, r.sub, r.owed)
		return
	}
	if r.sub.Prepare != nil {
		w, err := prepare(ctx, r.sub, eventsOf(r.owed))
		if err == nil {
			r.write, r.staged = w, true
			return
		}
		d.opt.Log.Info("event batch failed, delivering one by one", "subscriber", r.sub.Name,
			"events", len(r.owed), "error", err.Error())
	}
	r.took, r.failed = d.oneByOne(ctx, r.sub, r.owed)
}

func eventsOf(cs []claimed) []visit.Event {
	es := make([]visit.Event, len(cs))
	for i, c := range cs {
		es[i] = c.Event
	}
	return es
}

// oneByOne hands owed to s an event at a time in Lanes goroutines, each visit's events
// in one lane in order (a visit's booking before its cancellation), different visits
// side by side: each call's own write transaction waits its turn at SQLite's single
// writer behind every booking, and one at a time the relay fell seconds behind.
func (d *Delivery) oneByOne(ctx context.Context, s Subscriber, owed []claimed) ([]int64, []failure) {
	lanes := d.lanesOf(owed, d.opt.Lanes)
	var (
		mu     sync.Mutex
		took   []int64
		failed []failure
		wg     sync.WaitGroup
	)
	for _, lane := range lanes {
		wg.Go(func() {
			for _, e := range lane {
				if ctx.Err() != nil {
					return
				}
				err := call(ctx, s, e.Event)
				mu.Lock()
				if err != nil {
					failed = append(failed, d.failed(e, fmt.Errorf("subscriber %s: %w", s.Name, err)))
				} else {
					took = append(took, e.ID)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return took, failed
}

// lanesOf splits events into n lanes, each visit's events in one lane, in order.
func (d *Delivery) lanesOf(events []claimed, n int) [][]claimed {
	lanes := make([][]claimed, n)
	for _, e := range events {
		h := fnv.New32a()
		_, _ = h.Write([]byte(e.VisitID))
		i := h.Sum32() % uint32(len(lanes))
		lanes[i] = append(lanes[i], e)
	}
	return lanes
}

// inChunks is Prepare on PostgreSQL: owed split into lanes (a visit's events in one, in
// order), each lane prepared and written in a transaction of its own, side by side.
// There every statement is a round trip and writers do not queue for one connection,
// so a backlog's writes in one transaction, one after another, fell seconds behind
// where lanes side by side keep up. But each lane costs its own reads and
// transaction, and with the subscribers' writes a few statements a batch, a round
// of a few dozen events kept up better in one lane than in 16: a lane takes at least
// Chunk events. A lane that fails goes one by one.
func (d *Delivery) inChunks(ctx context.Context, s Subscriber, owed []claimed) ([]int64, []failure) {
	var (
		mu     sync.Mutex
		took   []int64
		failed []failure
		wg     sync.WaitGroup
	)
	n := min(d.opt.Lanes, (len(owed)+d.opt.Chunk-1)/d.opt.Chunk)
	for _, lane := range d.lanesOf(owed, n) {
		if len(lane) == 0 {
			continue
		}
		wg.Go(func() {
			t, f := d.chunk(ctx, s, lane)
			mu.Lock()
			took, failed = append(took, t...), append(failed, f...)
			mu.Unlock()
		})
	}
	wg.Wait()
	return took, failed
}

// chunk prepares and writes one lane in a transaction of its own.
func (d *Delivery) chunk(ctx context.Context, s Subscriber, lane []claimed) ([]int64, []failure) {
	w, err := prepare(ctx, s, eventsOf(lane))
	if err == nil && w != nil {
		err = d.store.db.InTx(ctx, func(tx db.Tx) error { return runWrite(ctx, tx, w) })
	}
	if err != nil {
		d.opt.Log.Info("event batch failed, delivering one by one", "subscriber", s.Name,
			"events", len(lane), "error", err.Error())
		return d.oneByOne(ctx, s, lane)
	}
	took := make([]int64, len(lane))
	for i, e := range lane {
		took[i] = e.ID
	}
	return took, nil
}

// tally is what a round's results settle for events: the deliveries taken, the
// failures, and the events closed — those no subscriber failed, still owes (a staged
// write to redo) or never got to (a cancelled round).
func tally(events []claimed, results []result) outcome {
	in := make(map[int64]bool, len(events))
	for _, e := range events {
		in[e.ID] = true
	}
	var out outcome
	open := make(map[int64]bool)
	for _, r := range results {
		taken := make(map[int64]bool, len(r.took))
		for _, id := range r.took {
			taken[id] = true
			if in[id] {
				out.took = append(out.took, deliveryRow{EventID: id, Subscriber: r.sub.Name})
			}
		}
		for _, f := range r.failed {
			if in[f.id] {
				out.failed = append(out.failed, f)
			}
		}
		for _, e := range r.owed {
			open[e.ID] = open[e.ID] || !taken[e.ID]
		}
	}
	for _, e := range events {
		if !open[e.ID] {
			out.closed = append(out.closed, e.ID)
		}
	}
	return out
}
