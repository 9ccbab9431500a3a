// Package documents turns a visit into its printed pack: every document the visit's
// services require, prefilled from the patient card and questionnaire, kept as rows
// (template id@hash, data hash, the PDF and its SHA-256) that move generated → printed
// → signed, or are voided when the data change before signing. It also answers the
// document checklist of a visit and is booking's seating gate: nobody is seated with
// the contract or a consent unsigned, unless an owner or the visit's doctor overrides.
package documents

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Status is where a document is in its life.
type Status string

// The stored statuses; Stale and ResignRequested are only ever shown on the checklist.
const (
	Generated Status = "generated"
	Printed   Status = "printed"
	Signed    Status = "signed"
	Voided    Status = "voided"
	// Superseded: signed, and the new version made after its data changed was signed
	// since; the seating gate no longer counts it. Stored as a signed row with
	// superseded_at set (signed rows never change otherwise).
	Superseded Status = "superseded"
	// Missing: a required document was never generated.
	Missing Status = "missing"
	// Stale: unsigned, and the patient's data (or the template) changed since; the
	// next pack voids it and makes a new one.
	Stale Status = "stale"
	// ResignRequested: signed, but the data changed since; signed rows never change,
	// so staff ask the patient to sign again.
	ResignRequested Status = "resign_requested"
)

// Signers and signing methods.
const (
	SignedByPatient  = "patient"
	SignedByGuardian = "guardian"
	MethodPaper      = "paper"
	MethodTablet     = "tablet"
)

// SeatingKinds must be signed before anyone is seated, whatever the service: the
// treatment contract, the general consent and the personal-data consent. Each
// procedure consent a service requires is added to them.
var SeatingKinds = []string{doctemplate.Contract, doctemplate.ConsentGeneral, doctemplate.ConsentPersonalData}

// procedureConsents are the kinds that are procedure consents (signed before seating
// when a service requires them).
var procedureConsents = []string{doctemplate.ConsentAnaesthesia, doctemplate.ConsentExtraction,
	doctemplate.ConsentRootCanal, doctemplate.ConsentImplant, doctemplate.ConsentWhitening}

// Document is one stored document, without its bytes.
type Document struct {
	ID            string
	AppointmentID string
	PatientID     string
	Kind          string
	Locale        string
	Title         string
	TemplateID    string
	TemplateHash  string
	DataHash      string
	PDFSHA256     string
	Pages         int
	Status        Status
	GeneratedAt   time.Time
	PrintedAt     *time.Time
	SignedAt      *time.Time
	SignedBy      string
	SignMethod    string
	SignedSHA256  string
	VoidedAt      *time.Time
	ReplacedBy    string
	SupersededAt  *time.Time
	SupersededBy  string
}

// ChecklistItem is one document kind of a visit's checklist.
type ChecklistItem struct {
	Kind       string
	Required   bool
	Document   *Document
	Status     Status
	NeedToSeat bool
}

// Checklist is what a visit still needs before the patient may be seated.
type Checklist struct {
	AppointmentID string
	Items         []ChecklistItem
	MaySeat       bool
}

// Errors of the documents feature.
var (
	ErrNotFound       = fault.New(fault.NotFound, "document_not_found", "no such document")
	ErrVisitCancelled = fault.New(fault.Conflict, "visit_cancelled", "the visit is cancelled; it has no pack")
	ErrNotAVisit      = fault.New(fault.Conflict, "not_a_visit", "this appointment is not a visit (held, released or rescheduled)")
	ErrNoPatient      = fault.New(fault.Conflict, "no_patient", "the appointment has no patient yet")
	ErrVoided         = fault.New(fault.Conflict, "document_voided", "the document was voided; print the visit's pack again and sign the new one")
	ErrStale          = fault.New(fault.Conflict, "document_stale", "the patient's data changed since this document was made; print the visit's pack again and sign the new one")
	ErrAlreadySigned  = fault.New(fault.Conflict, "document_signed", "the document is already signed")
	ErrGuardianSigns  = fault.Field("signed_by", "guardian_required",
		"the patient is under the age of medical consent: their guardian signs (signed_by guardian)")
	ErrOverrideForbidden = fault.New(fault.Forbidden, "override_forbidden",
		"only an owner or the visit's own doctor may seat a patient with unsigned documents")
	ErrBusy = fault.New(fault.Unavailable, "documents_busy", "the visit's documents are being changed by another request; try again")
)

// AppointmentReader is what documents read of visits (*booking.Service); both calls
// hide visits of branches the actor does not work at.
type AppointmentReader interface {
	Get(ctx context.Context, id string) (visit.Visit, error)
	Day(ctx context.Context, f visit.DayFilter) ([]visit.Visit, error)
}

// Directory is what documents read of the clinic directory (*clinic.Service).
type Directory interface {
	Branch(ctx context.Context, id string) (clinic.Branch, error)
	Doctor(ctx context.Context, id string) (clinic.Doctor, error)
	Procedure(ctx context.Context, id string) (clinic.Procedure, error)
	Patient(ctx context.Context, id string) (clinic.Patient, error)
	// Guardians are the patient's guardians on the card (read as the actor).
	Guardians(ctx context.Context, patientID string) ([]clinic.Guardian, error)
}

// Questionnaires is what documents read of the patient's questionnaire
// (*questionnaire.Service).
type Questionnaires interface {
	Latest(ctx context.Context, patientID string) (questionnaire.Response, bool, error)
	DisplayAnswers(r questionnaire.Response, locale string) map[string]string
	Alerts(ctx context.Context, patientID string) ([]questionnaire.Alert, error)
}
