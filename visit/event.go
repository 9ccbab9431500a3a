package visit

import "time"

// Kind names a lifecycle event; each is the step that led to the status of the same
// name.
type Kind string

// The event kinds written with every change of a visit.
const (
	EventHeld        Kind = "held"
	EventBooked      Kind = "booked"
	EventConfirmed   Kind = "confirmed"
	EventArrived     Kind = "arrived"
	EventSeated      Kind = "seated"
	EventCompleted   Kind = "completed"
	EventCancelled   Kind = "cancelled"
	EventNoShow      Kind = "no_show"
	EventRescheduled Kind = "rescheduled"
	EventReleased    Kind = "released"
	// EventDeclinedByPatient records a patient's "no" to a reminder: not a
	// cancellation (the time stays theirs until they or the desk act), but the desk is
	// told and the patient gets the link to choose another time.
	EventDeclinedByPatient Kind = "declined_by_patient"
)

// Event is one lifecycle event as subscribers receive it: a row of appointment_events,
// written in the transaction of the change it tells of, so it exists only if the
// change happened.
type Event struct {
	ID      int64  `db:"id"`
	VisitID string `db:"appointment_id"`
	Kind    Kind   `db:"kind"`
	From    Status `db:"from_status"`
	To      Status `db:"to_status"`
	// ActorKind is who made the change: staff, patient or system.
	ActorKind string    `db:"actor_kind"`
	StaffID   *string   `db:"staff_id"`
	Reason    string    `db:"reason"`
	At        time.Time `db:"at"`
}
