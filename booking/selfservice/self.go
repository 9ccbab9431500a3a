// Package selfservice is what patients do without staff: hold a time and prove their
// phone with a code, then confirm, cancel or move the visit through a manage link or
// its page, or by replying to a reminder.
package selfservice

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// Outbox is where booking queues messages to patients (*messaging.Service).
type Outbox interface {
	Enqueue(ctx context.Context, tx db.Tx, m messaging.Message) error
	QueuedAt(ctx context.Context, q db.Q, key string) (at time.Time, found bool, err error)
}

// DoctorLister finds the doctors who perform a service (*clinic.Service).
type DoctorLister interface {
	Doctors(ctx context.Context, f clinic.DoctorFilter) (clinic.Page[clinic.Doctor], error)
}

// RuleReader answers a branch's booking rules for a service (*schedule.Service).
type RuleReader interface {
	RulesFor(ctx context.Context, branchID, serviceID string) (booking.Rules, error)
}

// Deps is what patient self-service needs besides the booking engine.
type Deps struct {
	DB       *db.DB
	Dir      booking.Directory
	Patients booking.Patients
	Rules    RuleReader
	Outbox   Outbox
	Doctors  DoctorLister
	// PublicURL is where patients open their links (default http://localhost:8080).
	PublicURL string
}

// Service is what patients do without staff: hold a time, prove their phone with
// a code, and then confirm, cancel or move the visit through their manage link.
type Service struct {
	s         *booking.Service
	db        *db.DB
	dir       booking.Directory
	patients  booking.Patients
	rules     RuleReader
	store     store
	outbox    Outbox
	doctors   DoctorLister
	publicURL string
}

// New returns patient self-service over the booking engine s.
func New(s *booking.Service, d Deps) *Service {
	url := strings.TrimRight(d.PublicURL, "/")
	if url == "" {
		url = "http://localhost:8080"
	}
	return &Service{s: s, db: d.DB, dir: d.Dir, patients: d.Patients, rules: d.Rules, outbox: d.Outbox, doctors: d.Doctors, publicURL: url}
}

// PublicURL is where patients open their links, without a trailing slash.
func (ss *Service) PublicURL() string { return ss.publicURL }

// Limits of holds: a 6-digit code allows 5 guesses in 10^6, and sends are bounded so
// a hold cannot be used to pump SMS to someone else's phone.
const (
	MaxCodeAttempts = 5
	MaxCodeSends    = 3
	ResendInterval  = 30 * time.Second
)

// Errors of patient self-service.
var (
	ErrHoldNotFound = fault.New(fault.NotFound, "hold_not_found", "no such hold")
	ErrHoldExpired  = fault.New(fault.Gone, "hold_expired", "the hold expired and its time was freed; choose a time again")
	ErrHoldReleased = fault.New(fault.Gone, "hold_released", "too many wrong codes: the time was freed; choose a time again")
	ErrHoldVerified = fault.New(fault.Conflict, "hold_verified",
		"this hold is already verified; the confirmation message carries the link to the visit")
	ErrTooManySends = fault.New(fault.TooManyRequests, "too_many_codes", "no more codes can be sent for this hold")
	ErrRejected     = fault.New(fault.Unprocessable, "rejected", "the request was rejected")
	ErrLinkNotFound = fault.New(fault.NotFound, "link_not_found", "this link is unknown or has expired")
)

// ErrWrongCode says the code was wrong and how many guesses remain (also in errors[0]
// so that a widget can read the number without parsing prose).
func ErrWrongCode(left int) error {
	return &fault.Error{Kind: fault.Unprocessable, Code: "wrong_code",
		Detail: fmt.Sprintf("the code is wrong; %d attempts left", left),
		Fields: []fault.FieldError{{Field: "code", Code: "wrong_code", Message: fmt.Sprintf("%d attempts left", left)}}}
}

// ErrResendTooSoon asks the patient to wait before another code is sent.
func ErrResendTooSoon(wait time.Duration) error {
	secs := int((wait + time.Second - 1) / time.Second)
	return &fault.Error{Kind: fault.TooManyRequests, Code: "resend_too_soon", RetryAfter: max(secs, 1),
		Detail: fmt.Sprintf("a code was sent moments ago; ask again in %d s", max(secs, 1))}
}

// ErrTooLateToChange sends a patient who is inside the change window to the phone.
func ErrTooLateToChange(phone string) error {
	return fault.New(fault.Conflict, "too_late_to_change",
		"the visit is too close to change online; please call the clinic at "+phone)
}

// asPatient marks ctx as a patient's: linkRef names the link they act through ("" for
// a hold not yet verified), so audit rows and events say who did it.
func asPatient(ctx context.Context, linkRef string) context.Context {
	return actor.With(ctx, actor.Actor{Kind: actor.Patient, PatientLink: linkRef})
}
