// Package booking is the heart of Frontdesk: schedules, the availability engine,
// holds verified by a code, appointments and their lifecycle. Two people are never
// given the same doctor or the same chair: the database refuses it.
package booking

import (
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

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

// MaxBlocked bounds how long one appointment holds its doctor and chair: a service
// lasts at most 8 h and a buffer 4 h (the schema's checks). It bounds starts_at from
// below, so only the range of the (branch_id, starts_at) index is walked.
const MaxBlocked = 12 * time.Hour

// Resource names what a slot_taken conflict was about.
type Resource string

// The resources an appointment occupies.
const (
	ResourceDoctor Resource = "doctor"
	ResourceChair  Resource = "chair"
)

// Errors of the booking engine.
var (
	ErrNotOnGrid           = fault.New(fault.Unprocessable, "not_on_grid", "the start is not on the branch's slot grid")
	ErrTooSoon             = fault.New(fault.Unprocessable, "too_soon", "the start is in the past or inside the minimum notice")
	ErrTooFar              = fault.New(fault.Unprocessable, "too_far", "the start is beyond the booking horizon")
	ErrDoctorNotForService = fault.New(fault.Unprocessable, "doctor_does_not_perform_service", "this doctor does not perform this service")
	ErrOutsideWorkingTime  = fault.New(fault.Unprocessable, "outside_working_time", "the doctor does not work at this time")
	ErrNoChair             = fault.New(fault.Conflict, "no_chair_free", "no chair with the required capability is free for the whole visit")
	ErrChairUnfit          = fault.New(fault.Unprocessable, "chair_unfit", "this chair is not at the branch or lacks the capability the service needs")
	ErrInvalidTransition   = fault.New(fault.Conflict, "invalid_transition", "the appointment cannot move to that status from its current one")
	ErrNoShowTooEarly      = fault.New(fault.Conflict, "invalid_transition", "a no-show can only be recorded after the start time")
	ErrInactive            = fault.New(fault.Unprocessable, "inactive", "the service, doctor or chair is not active")
)

// ErrSlotTaken says the time is taken and by what, so staff know whether to move the
// doctor or the chair.
func ErrSlotTaken(r Resource) error {
	return &fault.Error{Kind: fault.Conflict, Code: "slot_taken", Detail: "the " + string(r) + " is taken at this time",
		Fields: []fault.FieldError{{Field: string(r) + "_id", Code: "taken", Message: "is taken at this time"}}}
}
