// Package reviews is how the clinic hears its patients after a visit: follow-up plans per
// service, the follow-up call list with its attempts and retries, outbound campaigns over
// any list of patients, and their figures. Surveys (reviews/surveys), public review
// monitoring (reviews/monitoring) and recall (reviews/recall) are its parts.
package reviews

import (
	"context"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The statuses of a follow-up: open while calls are owed, then how it ended. A visit's
// patient never reached gets the survey link (link_sent); a campaign's is unreached.
const (
	Open        = "open"
	Reached     = "reached"
	Declined    = "declined"
	WrongNumber = "wrong_number"
	LinkSent    = "link_sent"
	Unreached   = "unreached"
	Cancelled   = "cancelled"
)

// The outcomes of one call attempt.
const (
	OutcomeReached     = "reached"
	OutcomeNoAnswer    = "no_answer"
	OutcomeBusy        = "busy"
	OutcomeVoicemail   = "voicemail"
	OutcomeWrongNumber = "wrong_number"
	OutcomeDeclined    = "declined"
)

// Outcomes lists every attempt outcome, as the database's CHECK does.
var Outcomes = []string{OutcomeReached, OutcomeNoAnswer, OutcomeBusy, OutcomeVoicemail, OutcomeWrongNumber, OutcomeDeclined}

// FollowUp is one patient the clinic owes a call: after a visit, or in a campaign. Its
// task is the desk's claimable item; the follow-up keeps what the calls were about.
type FollowUp struct {
	ID            string     `db:"id"`
	BranchID      string     `db:"branch_id"`
	PatientID     string     `db:"patient_id"`
	AppointmentID *string    `db:"appointment_id"`
	CampaignID    *string    `db:"campaign_id"`
	DoctorID      *string    `db:"doctor_id"`
	ServiceID     *string    `db:"service_id"`
	VisitStart    *time.Time `db:"visit_start"`
	TaskID        string     `db:"task_id"`
	Locale        string     `db:"locale"`
	Status        string     `db:"status"`
	Attempts      int        `db:"attempts"`
	FirstDueAt    time.Time  `db:"first_due_at"`
	DueAt         time.Time  `db:"due_at"`
	CreatedAt     time.Time  `db:"created_at"`
	ClosedAt      *time.Time `db:"closed_at"`
}

// The answers to "expectations vs reality".
const (
	Worse      = "worse"
	AsExpected = "as_expected"
	Better     = "better"
)

// Answers is one filled survey, by phone or by link.
type Answers struct {
	// Overall and Care are 1–5; Recommend is 0–10 (the NPS question).
	Overall      int
	Care         int
	Expectations string
	Recommend    int
	Comment      string
}

// MaxComment bounds a survey comment: a paragraph, not a document.
const MaxComment = 2000

// Check names every bad answer under prefix ("survey." by phone, "" on the page).
func (a Answers) Check(prefix string) error {
	var bad []fault.FieldError
	add := func(field, code, message string) {
		bad = append(bad, fault.FieldError{Field: prefix + field, Code: code, Message: message})
	}
	if a.Overall < 1 || a.Overall > 5 {
		add("overall", "range", "must be from 1 to 5")
	}
	if a.Care < 1 || a.Care > 5 {
		add("care", "range", "must be from 1 to 5")
	}
	if a.Expectations != Worse && a.Expectations != AsExpected && a.Expectations != Better {
		add("expectations", "oneof", "must be one of: worse as_expected better")
	}
	if a.Recommend < 0 || a.Recommend > 10 {
		add("recommend", "range", "must be from 0 to 10")
	}
	if len([]rune(strings.TrimSpace(a.Comment))) > MaxComment {
		add("comment", "max", "must be at most 2000 characters")
	}
	if len(bad) == 0 {
		return nil
	}
	return fault.Fields(bad...)
}

// Low is a score that asks for a manager's call: service recovery, never suppression.
func (a Answers) Low() bool { return a.Overall <= 3 || a.Recommend <= 6 }

// Surveys is what the calls need of the surveys part, filled in internal/app: answers
// given on the phone are stored in the attempt's transaction, and a patient never
// reached gets the survey link instead.
type Surveys interface {
	// RecordCall stores answers the patient gave staffID during a call on f.
	RecordCall(ctx context.Context, tx db.Tx, f FollowUp, staffID string, a Answers) error
	// SendLink queues the survey link to f's patient by their channel; false when the
	// patient has no channel they consented to.
	SendLink(ctx context.Context, tx db.Tx, f FollowUp) (bool, error)
}

// Attempt is one call at a follow-up: its number, when it was due, who called when,
// how it went. Attempts are never changed.
type Attempt struct {
	FollowUpID string    `db:"follow_up_id"`
	Number     int       `db:"number"`
	StaffID    string    `db:"staff_id"`
	DueAt      time.Time `db:"due_at"`
	At         time.Time `db:"at"`
	Outcome    string    `db:"outcome"`
	Note       string    `db:"note"`
}

// Errors of the follow-up calls.
var (
	ErrNotFound = fault.New(fault.NotFound, "follow_up_not_found", "no follow-up call you may see has this id")
	ErrClosed   = fault.New(fault.Conflict, "follow_up_closed", "this follow-up call is finished; no more attempts are taken")
)
