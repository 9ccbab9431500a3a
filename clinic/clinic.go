// Package clinic is the directory every feature shares: branches with their time zone,
// locale and opening hours; chairs; the services a clinic sells; doctors; and patients.
package clinic

import (
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Locales are the languages Frontdesk speaks to patients in.
var Locales = []string{"en", "ru", "pl", "sv"}

// Channels are the ways a patient can be reached.
var Channels = []string{"sms", "whatsapp", "email"}

// Weekdays are the keys of OpeningHours, Monday first as clinics plan their week.
var Weekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// Interval is one span of opening time in the branch's local time, "HH:MM" each.
type Interval struct {
	Open  string `json:"open"`
	Close string `json:"close"`
}

// OpeningHours maps a weekday key ("mon" … "sun") to its sorted, non-overlapping
// intervals; a missing day is closed.
type OpeningHours map[string][]Interval

// Branch is one clinic location.
type Branch struct {
	ID        string
	Name      string
	Address   string
	Phone     string
	Country   string
	TimeZone  string
	Locale    string
	Currency  string
	Hours     OpeningHours
	Legal     BranchLegal
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Chair is one treatment chair (operatory) at a branch.
type Chair struct {
	ID           string
	BranchID     string
	Name         string
	Capabilities []string
	Active       bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Procedure is one entry of the clinic's price list — a "service" in the API (/services);
// the Go name differs so it is not confused with Service, which holds the rules.
type Procedure struct {
	ID                string
	Code              string
	Names             map[string]string
	DurationMinutes   int
	PriceMinor        int64
	Currency          string
	ChairCapability   string
	RequiredDocuments []string
	Active            bool
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Doctor is a staff member with the doctor role, as patients and the booking engine see them.
type Doctor struct {
	ID          string
	StaffID     string
	Specialty   string
	DisplayName string
	PhotoURL    string
	ServiceIDs  []string
	// BranchIDs are the branches the doctor's staff account works at (read-only here).
	BranchIDs []string
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Consent is what a patient agreed to be sent over one channel.
type Consent struct {
	Service   bool `json:"service"`
	Marketing bool `json:"marketing"`
}

// Patient is one person's card.
type Patient struct {
	ID               string
	FirstName        string
	LastName         string
	MiddleName       string
	BirthDate        string // YYYY-MM-DD, or "" when unknown
	Sex              string
	Phone            string // E.164
	Email            string
	Locale           string
	PreferredChannel string
	Consents         map[string]Consent
	Notes            string
	MedicalAlerts    []string
	HomeBranchID     string
	// Address and IDDocument are what contracts name the patient by; the
	// questionnaire fills them.
	Address    string
	IDDocument string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Page is one page of a list and the cursor of the next one ("" on the last page).
type Page[T any] struct {
	Items []T
	Next  string
}

// Errors the directory answers with.
var (
	ErrBranchNotFound  = fault.New(fault.NotFound, "branch_not_found", "no such branch")
	ErrChairNotFound   = fault.New(fault.NotFound, "chair_not_found", "no such chair")
	ErrServiceNotFound = fault.New(fault.NotFound, "service_not_found", "no such service")
	ErrDoctorNotFound  = fault.New(fault.NotFound, "doctor_not_found", "no such doctor")
	ErrPatientNotFound = fault.New(fault.NotFound, "patient_not_found", "no such patient")
	ErrServiceCode     = fault.New(fault.Conflict, "service_code_taken", "another service already has this code")
	ErrDoctorExists    = fault.New(fault.Conflict, "doctor_exists", "this staff member already has a doctor profile")
	ErrPatientExists   = fault.New(fault.Conflict, "patient_duplicate",
		"another patient has the same phone and birth date (or name); merge the two cards instead")
	// ErrPatientElsewhere keeps a doctor from reading, through re-registration, a card
	// of a branch they do not work at; an admin can move the card (PATCH branch_id).
	ErrPatientElsewhere = fault.New(fault.Conflict, "patient_registered_elsewhere",
		"this patient is registered at a branch you do not work at; ask an administrator")
	ErrBranchForbidden = fault.New(fault.Forbidden, "branch_forbidden", "you do not work at this branch")
	ErrMergeSelf       = fault.Field("duplicate_id", "same_patient", "must differ from the surviving patient")
)

// ErrPatientMerged answers a request for a patient card that was folded into another;
// the detail names the survivor so a client can follow it.
func ErrPatientMerged(survivorID string) error {
	return fault.New(fault.NotFound, "patient_merged", "this patient was merged into "+survivorID+"; use that id")
}
