// Package visit is the contract every feature shares about a visit: what it is, where
// it is in its life, and the events its changes leave behind. booking produces visits
// and events; documents, reminders and the features to come read them through this
// package, so none of them imports booking. Types only: no SQL, no services.
package visit

import (
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Status is where a visit is in its life.
type Status string

// The statuses. Held is a patient's hold awaiting its code; Released is a hold that
// expired or failed verification; Rescheduled is a visit replaced by a new one.
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

// Source says how a visit was made.
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

// Visit is one appointment as it is stored (or, in status held, a patient's hold on
// a time): who comes, to whom, in which chair, when, and what happened to it.
type Visit struct {
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

// Patient is the visit's patient id, "" for a hold not yet tied to a card.
func (v Visit) Patient() string {
	if v.PatientID == nil {
		return ""
	}
	return *v.PatientID
}

// DayFilter selects a branch's visits of one local day.
type DayFilter struct {
	BranchID string
	// Date is the branch's local date, YYYY-MM-DD.
	Date     string
	DoctorID string
	Status   Status
}

// Seating is a request to seat the patient of an arrived visit, as the seating gate
// (documents) is asked it inside the seating transaction.
type Seating struct {
	Visit Visit
	// OverrideReason, when set, asks to seat despite unsigned documents; the gate
	// decides who may.
	OverrideReason string
}

// Errors every feature may answer about a visit.
var (
	ErrNotFound          = fault.New(fault.NotFound, "appointment_not_found", "no such appointment")
	ErrDocumentsUnsigned = fault.New(fault.Conflict, "documents_unsigned", "the patient has not signed the required documents")
)
