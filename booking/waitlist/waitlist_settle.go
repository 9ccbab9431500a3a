package waitlist

import (
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// settle closes what a booking decides: the offer whose hold it was is taken (and its
// entry booked, its other offers closed), and other open offers it overlaps are lost.
func (w *Waitlist) settle(ctx context.Context, appointmentID string) error {
	a, err := w.booking.GetIn(ctx, w.db.R, appointmentID)
	if err != nil {
		return err
	}
	// Almost every booking touches no offer: asking a reader first keeps those off the
	// one writer, where they queued behind the bookings themselves.
	if n, err := w.store.offersToSettle(ctx, a); err != nil || n == 0 {
		return err
	}
	return w.db.InTx(ctx, func(tx db.Tx) error { return w.settleTx(ctx, tx, a) })
}

// settleTx is settle's writes for booked visit a, on tx: guarded updates, so a
// booking settled twice changes nothing the second time.
func (w *Waitlist) settleTx(ctx context.Context, tx db.Tx, a visit.Visit) error {
	o, err := w.store.offerOfHold(ctx, tx, a.ID)
	switch {
	case err == nil:
		err = w.store.take(ctx, tx, o, w.booking.Now())
	case errors.Is(err, db.ErrNotFound):
		err = nil
	}
	if err != nil {
		return err
	}
	return w.store.markLost(ctx, tx, a)
}

// errBookedAndFreed refuses a batch holding a visit both booked and freed: its
// booking must settle before its time is offered, and here the offers would go
// first. The relay then hands the batch to OnEvent an event at a time, in order.
var errBookedAndFreed = errors.New("waitlist: a visit booked and freed in one batch")

// offerers is how many freed times PrepareEvents offers at once, as the relay's lanes
// did when each event went to OnEvent.
const offerers = 4

// PrepareEvents is OnEvent for a round of events (the relay's Prepare). The bookings'
// visits and the offers they might settle are read in two statements for the whole
// batch, and only bookings that touch an offer are settled, in the relay's write
// transaction: nearly every booking touches none, and one at a time that was two
// round trips per booking. Freed times are offered here, as OnEvent offers them (each
// offer a transaction of its own; redelivery makes no second one).
func (w *Waitlist) PrepareEvents(ctx context.Context, es []visit.Event) (func(context.Context, db.Tx) error, error) {
	booked, freed := splitEvents(es)
	if slices.ContainsFunc(freed, func(id string) bool { return slices.Contains(booked, id) }) {
		return nil, errBookedAndFreed
	}
	if err := w.offerAll(ctx, freed); err != nil {
		return nil, err
	}
	settling, err := w.bookingsToSettle(ctx, booked)
	if err != nil || len(settling) == 0 {
		return nil, err
	}
	return func(ctx context.Context, tx db.Tx) error {
		for _, a := range settling {
			if err := w.settleTx(ctx, tx, a); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// splitEvents are the visits booked and those whose time was freed, each once, in
// the order of es.
func splitEvents(es []visit.Event) (booked, freed []string) {
	for _, e := range es {
		switch e.Kind {
		case visit.EventBooked:
			booked = appendOnce(booked, e.VisitID)
		case visit.EventCancelled, visit.EventRescheduled, visit.EventReleased:
			freed = appendOnce(freed, e.VisitID)
		}
	}
	return booked, freed
}

func appendOnce(ids []string, id string) []string {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// offerAll offers the times of the freed visits, offerers at a time.
func (w *Waitlist) offerAll(ctx context.Context, ids []string) error {
	errs := make([]error, len(ids))
	sem := make(chan struct{}, offerers)
	var wg sync.WaitGroup
	for i, id := range ids {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			errs[i] = w.offerFreed(ctx, id)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// bookingsToSettle reads the booked visits of ids and answers, in the order of ids,
// those that settle an offer. A visit gone fails the batch, as its own read did.
func (w *Waitlist) bookingsToSettle(ctx context.Context, ids []string) ([]visit.Visit, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	visits, err := w.booking.GetManyIn(ctx, w.db.R, ids)
	if err != nil {
		return nil, err
	}
	if len(visits) != len(ids) {
		return nil, visit.ErrNotFound
	}
	offers, err := w.store.offersSettledBy(ctx, visits)
	if err != nil || len(offers) == 0 {
		return nil, err
	}
	byID := make(map[string]visit.Visit, len(visits))
	for _, a := range visits {
		byID[a.ID] = a
	}
	var out []visit.Visit
	for _, id := range ids {
		a := byID[id]
		if slices.ContainsFunc(offers, func(o settleRow) bool { return o.settledBy(a) }) {
			out = append(out, a)
		}
	}
	return out, nil
}
