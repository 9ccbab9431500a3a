// Package surveys is what the patient says after a visit: the survey filled on the
// phone during a follow-up call or through a link (/s/{token}, a server-rendered page
// that needs no JavaScript), NPS with its counts, and the invitation to review the
// branch publicly. Every respondent is invited, whatever they scored (inviting only the
// satisfied breaks Google's review policy); a low score also opens a manager's task:
// service recovery, never suppression.
package surveys

import (
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// How a survey reached the patient.
const (
	ViaPhone = "phone"
	ViaLink  = "link"
)

// The public review sites a branch may link to; Other is any further https page.
const (
	Google      = "google"
	Yandex      = "yandex"
	TwoGIS      = "2gis"
	ProDoctorov = "prodoctorov"
	ZnanyLekarz = "znanylekarz"
	Reco        = "reco"
	Trustpilot  = "trustpilot"
	Other       = "other"
)

// Sites lists every review site, as the database's CHECK does.
var Sites = []string{Google, Yandex, TwoGIS, ProDoctorov, ZnanyLekarz, Reco, Trustpilot, Other}

// The message templates of surveys (registered in messaging's templateFields).
const (
	TemplateLink       = "survey_link"
	TemplateInvitation = "review_invitation"
)

// ManagerQueue is where a low score's service-recovery task lands.
const ManagerQueue = "manager"

// LinkTTL is how long a survey link works: two weeks of a busy patient's evenings.
const LinkTTL = 14 * 24 * time.Hour

// LowSample is the response count below which an NPS is marked as a small sample.
const LowSample = 30

// Survey is one follow-up's survey: sent (a link), answered, or both.
type Survey struct {
	ID            string     `db:"id"`
	FollowUpID    string     `db:"follow_up_id"`
	AppointmentID *string    `db:"appointment_id"`
	PatientID     string     `db:"patient_id"`
	BranchID      string     `db:"branch_id"`
	DoctorID      *string    `db:"doctor_id"`
	Via           string     `db:"via"`
	Locale        string     `db:"locale"`
	SentAt        *time.Time `db:"sent_at"`
	ExpiresAt     *time.Time `db:"expires_at"`
	AnsweredAt    *time.Time `db:"answered_at"`
	AnsweredBy    *string    `db:"answered_by"`
	Overall       *int       `db:"overall"`
	Care          *int       `db:"care"`
	Expectations  *string    `db:"expectations"`
	Recommend     *int       `db:"recommend"`
	Comment       string     `db:"comment"`
	CreatedAt     time.Time  `db:"created_at"`
	// PatientName and DoctorName are read with the survey for lists.
	PatientName string  `db:"patient_name"`
	DoctorName  *string `db:"doctor_name"`
}

// ReviewLink is one public review page of a branch.
type ReviewLink struct {
	Site string `db:"site" json:"site"`
	URL  string `db:"url" json:"url"`
}

// Filter selects answered surveys: a branch (required), local dates from and to
// (inclusive, "" open), a doctor.
type Filter struct {
	BranchID string
	From, To string
	DoctorID string
	Cursor   string
	Limit    int
}

// Page is one page of answered surveys, newest first; Next continues it.
type Page struct {
	Items []Survey
	Next  string
}

// NPS is the net promoter score of a set of answered surveys: the percentage of
// promoters (recommend 9–10) minus the percentage of detractors (0–6), passives (7–8)
// counting only in the total. Score and the averages are nil without responses.
type NPS struct {
	Promoters, Passives, Detractors, Responses int
	Score                                      *float64
	LowSample                                  bool
	OverallAverage, CareAverage                *float64
}

// Errors of surveys.
var (
	ErrAnswered     = fault.New(fault.Conflict, "survey_answered", "this survey has already been answered")
	ErrLinkNotFound = fault.New(fault.NotFound, "not_found", "no such survey link")
	ErrLinkExpired  = fault.New(fault.Gone, "link_expired", "the survey link has expired")
	ErrTooLarge     = fault.New(fault.TooLarge, "too_large", "the answers are too large")
	errBranch       = fault.Field("branch_id", "not_found", "no branch you may see has this id")
)

// mediaOrder is the order a patient's media are tried in after their preferred one.
var mediaOrder = []string{messaging.WhatsApp, messaging.SMS, messaging.Email}
