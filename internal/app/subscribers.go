package app

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/events"
	"github.com/frontdeskhq/frontdesk/visit"
)

// subscribers is the one list of what reacts to visit events. They take a round of
// events side by side and apart (one failing an event does not hold it back from the
// others); those with Prepare write in the relay's one transaction of the round. Each
// is idempotent per event: delivery is at least once.
func (a *App) subscribers() []events.Subscriber {
	return []events.Subscriber{
		// A cancelled, moved or released visit frees a time for the waitlist; a
		// booking settles the offer it came from (a batch's bookings read at once,
		// only those touching an offer written).
		{Name: "waitlist", Handle: a.Waitlist.OnEvent, Prepare: a.Waitlist.PrepareEvents,
			Kinds: []visit.Kind{visit.EventCancelled, visit.EventRescheduled, visit.EventReleased, visit.EventBooked}},
		// A booked visit's patient gets the questionnaire link (keyed by the visit,
		// so a redelivered event sends nothing more); a batch's links in one transaction.
		{Name: "questionnaire", Kinds: []visit.Kind{visit.EventBooked},
			Handle: func(ctx context.Context, e visit.Event) error { return a.Questionnaires.SendLink(ctx, e.VisitID) },
			Prepare: func(ctx context.Context, es []visit.Event) (func(context.Context, db.Tx) error, error) {
				return a.Questionnaires.PrepareLinks(ctx, visitIDs(es))
			}},
		// A completed visit's materials leave its chair's stock (keyed by the visit, so
		// a redelivered event takes nothing more).
		{Name: "inventory", Handle: a.Inventory.OnEvent, Kinds: []visit.Kind{visit.EventCompleted}},
		// A completed visit's follow-up call is planned by its service's rule (keyed by
		// the visit, so a redelivered event plans nothing more).
		{Name: "follow_ups", Handle: a.Reviews.OnEvent, Kinds: []visit.Kind{visit.EventCompleted}},
		// A completed visit sets the patient's recall for its service and advances their
		// treatment plan (keyed by patient and service, and by the visit).
		{Name: "recall", Handle: a.Recall.OnEvent, Kinds: []visit.Kind{visit.EventCompleted}},
		// Every change of a visit makes its day's figures stale (a mark; the refresh job
		// recounts the day); a batch's marks in one transaction, none if all are stale.
		{Name: "figures", Handle: a.Figures.OnEvent, Prepare: a.Figures.PrepareEvents},
	}
}

// visitIDs are the visits events tell of, in their order.
func visitIDs(es []visit.Event) []string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.VisitID
	}
	return ids
}
