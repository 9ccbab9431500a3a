package booking

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// ReminderPlanner hears of every change to a visit inside the transaction that makes
// it, so the visit's reminders are planned, re-planned or cancelled atomically with it
// (the reminders feature implements it; booking never imports it).
type ReminderPlanner interface {
	// Planned plans the reminders of a newly booked visit.
	Planned(ctx context.Context, tx db.Tx, a visit.Visit) error
	// Prepare is Planned in two steps, for a visit a about to be booked, of which the
	// booking already read f: what needs no transaction now, and the step it returns in
	// the booking's transaction.
	Prepare(ctx context.Context, a visit.Visit, f visit.Facts) (func(ctx context.Context, tx db.Tx, a visit.Visit) error, error)
	// Moved cancels the old visit's pending reminders and plans the new one's.
	Moved(ctx context.Context, tx db.Tx, old, new visit.Visit) error
	// Cancelled cancels the visit's pending reminders and tells the patient.
	Cancelled(ctx context.Context, tx db.Tx, a visit.Visit) error
	// Confirmed turns the visit's pending questions into plain reminders.
	Confirmed(ctx context.Context, tx db.Tx, a visit.Visit) error
	// Declined withdraws the visit's later reminders: the patient said they are not coming.
	Declined(ctx context.Context, tx db.Tx, a visit.Visit) error
}

// noReminders is the planner used until reminders are wired: it plans nothing.
type noReminders struct{}

func (noReminders) Planned(context.Context, db.Tx, visit.Visit) error { return nil }
func (n noReminders) Prepare(context.Context, visit.Visit, visit.Facts) (func(context.Context, db.Tx, visit.Visit) error, error) {
	return n.Planned, nil
}
func (noReminders) Moved(context.Context, db.Tx, visit.Visit, visit.Visit) error { return nil }
func (noReminders) Cancelled(context.Context, db.Tx, visit.Visit) error          { return nil }
func (noReminders) Confirmed(context.Context, db.Tx, visit.Visit) error          { return nil }
func (noReminders) Declined(context.Context, db.Tx, visit.Visit) error           { return nil }

// remindAfterMove tells the planner of a lifecycle step that changes what patients
// should be told: a cancellation or a confirmation.
func (s *Service) remindAfterMove(ctx context.Context, tx db.Tx, action Action, a visit.Visit) error {
	switch action {
	case ActionCancel:
		return s.reminders.Cancelled(ctx, tx, a)
	case ActionConfirm:
		return s.reminders.Confirmed(ctx, tx, a)
	}
	return nil
}
