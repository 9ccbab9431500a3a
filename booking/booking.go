// Package booking is the heart of Frontdesk: schedules, the availability engine,
// holds verified by a code, appointments and their lifecycle. Two people are never
// given the same doctor or the same chair: the database refuses it.
package booking

import (
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Status is where an appointment is in its life.
type Status string

// The statuses. Held is a hold awaiting its code; Released is a hold that expired or
// failed verification; Rescheduled is an appointment replaced by a new one.
const (
	Held        Status = "held"
	Booked      Status = "booked"
	Confirmed   Status = "confirmed"
	Arrived     Status = "arrived"
	Seated      Status = "seated"
	Completed   Status = "completed"
	Cancelled   Status = "cancelled"
	NoShow      Status = "no_show"
	Released    Status = "released"
	Rescheduled Status = "rescheduled"
)

// ActiveStatuses occupy a doctor and a chair (a held one only until it expires).
var ActiveStatuses = []Status{Held, Booked, Confirmed, Arrived, Seated}

// Active reports whether s occupies time.
func (s Status) Active() bool { return slices.Contains(ActiveStatuses, s) }

// Source says how an appointment was made.
type Source string

// The sources.
const (
	SourceWidget    Source = "widget"
	SourceAdmin     Source = "admin"
	SourcePhone     Source = "phone"
	SourceDoctorApp Source = "doctor_app"
	SourceWalkIn    Source = "walk_in"
	SourceWaitlist  Source = "waitlist"
)

// StaffSources are the sources a staff booking may name.
var StaffSources = []Source{SourceAdmin, SourcePhone, SourceDoctorApp, SourceWalkIn}

// Appointment is a visit (or, in status held, a patient's hold on a time).
type Appointment struct {
	ID               string     `db:"id"`
	BranchID         string     `db:"branch_id"`
	PatientID        *string    `db:"patient_id"`
	ServiceID        string     `db:"service_id"`
	DoctorID         string     `db:"doctor_id"`
	ChairID          string     `db:"chair_id"`
	Start            time.Time  `db:"starts_at"`
	End              time.Time  `db:"ends_at"`
	BlockedUntil     time.Time  `db:"blocked_until"`
	Status           Status     `db:"status"`
	Source           Source     `db:"source"`
	HoldExpiresAt    *time.Time `db:"hold_expires_at"`
	Complaint        string     `db:"complaint"`
	Note             string     `db:"note"`
	BookedBy         *string    `db:"booked_by"`
	ReferredByDoctor *string    `db:"referred_by_doctor"`
	RescheduledFrom  *string    `db:"rescheduled_from"`
	RescheduledTo    *string    `db:"rescheduled_to"`
	CancelReason     string     `db:"cancel_reason"`
	CancelledBy      string     `db:"cancelled_by"`
	ConfirmedAt      *time.Time `db:"confirmed_at"`
	ArrivedAt        *time.Time `db:"arrived_at"`
	ArrivedBy        *string    `db:"arrived_by"`
	SeatedAt         *time.Time `db:"seated_at"`
	SeatedBy         *string    `db:"seated_by"`
	CompletedAt      *time.Time `db:"completed_at"`
	CompletedBy      *string    `db:"completed_by"`
	CancelledAt      *time.Time `db:"cancelled_at"`
	Sequence         int        `db:"sequence"`
	CreatedAt        time.Time  `db:"created_at"`
	UpdatedAt        time.Time  `db:"updated_at"`
}

// Rules are a branch's booking rules, possibly overridden for one service.
type Rules struct {
	Step         time.Duration
	MinNotice    time.Duration
	HorizonDays  int
	Buffer       time.Duration
	ChangeWindow time.Duration
	HoldTTL      time.Duration
}

// DefaultRules are what a branch gets until its owner changes them.
func DefaultRules() Rules {
	return Rules{Step: 15 * time.Minute, MinNotice: 2 * time.Hour, HorizonDays: 60,
		Buffer: 10 * time.Minute, ChangeWindow: 24 * time.Hour, HoldTTL: 10 * time.Minute}
}

// Resource names what a slot_taken conflict was about.
type Resource string

// The resources an appointment occupies.
const (
	ResourceDoctor Resource = "doctor"
	ResourceChair  Resource = "chair"
)

// Errors of the booking engine.
var (
	ErrAppointmentNotFound = fault.New(fault.NotFound, "appointment_not_found", "no such appointment")
	ErrNotOnGrid           = fault.New(fault.Unprocessable, "not_on_grid", "the start is not on the branch's slot grid")
	ErrTooSoon             = fault.New(fault.Unprocessable, "too_soon", "the start is in the past or inside the minimum notice")
	ErrTooFar              = fault.New(fault.Unprocessable, "too_far", "the start is beyond the booking horizon")
	ErrDoctorNotForService = fault.New(fault.Unprocessable, "doctor_does_not_perform_service", "this doctor does not perform this service")
	ErrOutsideWorkingTime  = fault.New(fault.Unprocessable, "outside_working_time", "the doctor does not work at this time")
	ErrNoChair             = fault.New(fault.Conflict, "no_chair_free", "no chair with the required capability is free for the whole visit")
	ErrChairUnfit          = fault.New(fault.Unprocessable, "chair_unfit", "this chair is not at the branch or lacks the capability the service needs")
	ErrInvalidTransition   = fault.New(fault.Conflict, "invalid_transition", "the appointment cannot move to that status from its current one")
	ErrNoShowTooEarly      = fault.New(fault.Conflict, "invalid_transition", "a no-show can only be recorded after the start time")
	ErrDocumentsUnsigned   = fault.New(fault.Conflict, "documents_unsigned", "the patient has not signed the required documents")
	ErrInactive            = fault.New(fault.Unprocessable, "inactive", "the service, doctor or chair is not active")
)

// ErrSlotTaken says the time is taken and by what, so staff know whether to move the
// doctor or the chair.
func ErrSlotTaken(r Resource) error {
	return &fault.Error{Kind: fault.Conflict, Code: "slot_taken", Detail: "the " + string(r) + " is taken at this time",
		Fields: []fault.FieldError{{Field: string(r) + "_id", Code: "taken", Message: "is taken at this time"}}}
}
