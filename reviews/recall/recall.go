// Package recall brings patients back: a completed visit of a recall-bearing service
// (a check-up, hygiene) sets the patient's recall date for that service, a later one
// moves it; the desk lists who is due; the recall_sweep sends each due recall once,
// with a link that opens the booking widget on that service, skipping patients who
// already have a future booking or have opted out. Treatment plans with ordered stages
// remind the patient to book the next stage once the previous one is done.
package recall

import (
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The statuses of a recall: due until a message went for its date (messaged), or the
// desk dismissed it. A future booking is not a status: it can still be cancelled, so
// it is read live and only skips the recall.
const (
	Due       = "due"
	Messaged  = "messaged"
	Dismissed = "dismissed"
)

// The reasons a due recall or stage is not sent.
const (
	SkipFutureBooking = "future_booking"
	SkipOptedOut      = "opted_out"
	SkipNoConsent     = "no_consent"
)

// The message templates recall sends (registered in messaging's templateFields).
const (
	TemplateRecallDue          = "recall_due"
	TemplateTreatmentNextStage = "treatment_next_stage"
)

// MaxMonths is the longest recall interval a rule may set; 0 means no recall.
const MaxMonths = 36

// defaultMonths is the recall interval of check-ups and hygiene when no rule says
// otherwise: twice a year, as most dental associations advise.
const defaultMonths = 6

// Rule is a service's effective recall interval; Custom says a clinic's rule set it
// (else it is the default by the service's code and chair capability).
type Rule struct {
	ServiceID   string
	ServiceCode string
	Names       map[string]string
	Months      int
	Custom      bool
}

// Recall is a patient's recall for one service, as the desk's list shows it.
type Recall struct {
	ID          string     `db:"id"`
	PatientID   string     `db:"patient_id"`
	ServiceID   string     `db:"service_id"`
	BranchID    string     `db:"branch_id"`
	DueOn       string     `db:"due_on"`
	LastVisitAt time.Time  `db:"last_visit_at"`
	FromVisitID string     `db:"from_appointment_id"`
	Status      string     `db:"status"`
	MessagedAt  *time.Time `db:"messaged_at"`
	// Contact is the patient's card as the list and the sweep need it.
	Contact
	// Service is the recall's service as the price list has it (filled by List).
	Service clinic.Procedure `db:"-"`
	// SkipReason says why the sweep passes the recall by ("" when it would send it).
	SkipReason string `db:"-"`
}

// Contact is what recall reads of a patient's card: the name the desk calls them by,
// and where and in which language a message may reach them.
type Contact struct {
	FirstName string `db:"first_name"`
	LastName  string `db:"last_name"`
	Phone     string `db:"phone"`
	Email     string `db:"email"`
	Locale    string `db:"locale"`
	Preferred string `db:"preferred_channel"`
	// Consents is the card's consents per medium, as JSON.
	Consents string `db:"consents"`
}

// Filter selects a branch's recalls due before a local date, a page at a time.
type Filter struct {
	BranchID  string
	DueBefore string
	Cursor    string
	Limit     int
}

// Page is one page of recalls and the cursor of the next ("" on the last).
type Page struct {
	Items []Recall
	Next  string
}

// StageInput is one stage of a new plan: its service, due AfterDays after the
// previous stage is done (the first: after the plan is made).
type StageInput struct {
	ServiceID string
	AfterDays int
}

// PlanInput is a new treatment plan.
type PlanInput struct {
	PatientID string
	BranchID  string
	Stages    []StageInput
}

// Plan is a patient's treatment plan with its stages in order.
type Plan struct {
	ID        string    `db:"id"`
	PatientID string    `db:"patient_id"`
	BranchID  string    `db:"branch_id"`
	Status    string    `db:"status"`
	CreatedBy *string   `db:"created_by"`
	CreatedAt time.Time `db:"created_at"`
	Stages    []Stage   `db:"-"`
}

// Stage is one step of a plan. DueOn is set when it becomes due (the first at once,
// the next when the one before is done).
type Stage struct {
	PlanID      string     `db:"plan_id"`
	Position    int        `db:"position"`
	ServiceID   string     `db:"service_id"`
	AfterDays   int        `db:"after_days"`
	DueOn       *string    `db:"due_on"`
	DoneAt      *time.Time `db:"done_at"`
	DoneVisitID *string    `db:"done_appointment_id"`
	MessagedAt  *time.Time `db:"messaged_at"`
}

// The plan statuses: active until its last stage is done.
const (
	PlanActive    = "active"
	PlanCompleted = "completed"
)

// MaxStages and MaxAfterDays bound a plan.
const (
	MaxStages    = 20
	MaxAfterDays = 730
)

// Errors of recall.
var (
	ErrNotFound        = fault.New(fault.NotFound, "recall_not_found", "no recall you may see has this id")
	ErrServiceNotFound = fault.Field("service_id", "not_found", "no service has this id")
	ErrPatientNotFound = fault.Field("patient_id", "not_found", "no patient you may see has this id")
	ErrBadDate         = fault.Field("due_before", "date", "must be a date, YYYY-MM-DD")
)
