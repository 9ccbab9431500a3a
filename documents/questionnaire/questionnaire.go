// Package questionnaire is the pre-visit questionnaire: its definitions (FHIR
// Questionnaire-like JSON under templates/questionnaires), the patient's page /q/{token},
// the stored responses, and the structured medical alerts staff see on a visit.
package questionnaire

import (
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Locales are the languages every definition text must carry.
var Locales = []string{"en", "ru", "pl", "sv"}

// Status of a stored response.
const (
	StatusDraft     = "draft"
	StatusSubmitted = "submitted"
)

// DefaultID is the questionnaire sent before every visit.
const DefaultID = "dental-intake"

// Response is one patient's answers to one questionnaire version.
type Response struct {
	ID, QuestionnaireID, Version, PatientID, AppointmentID, Locale string
	// Answers by linkId: string, bool, float64 (numbers) or []string (repeating choices).
	Answers     map[string]any
	SubmittedAt time.Time
}

// Alert is one structured medical alert (an allergy, a medication, a condition, a
// reaction to anaesthesia, a pregnancy); Changed marks one that differs from the
// patient's previous submitted response, so the doctor looks twice.
type Alert struct {
	Kind, Code, Text string
	Changed          bool
}

// Line is the alert as one display line: "Allergy: latex", with a mark when it changed.
func (a Alert) Line() string {
	line := a.Text
	if a.Changed {
		line += " (!)"
	}
	return line
}

// Alert kinds.
const (
	AlertAllergy     = "allergy"
	AlertMedication  = "medication"
	AlertCondition   = "condition"
	AlertAnaesthesia = "anaesthesia_reaction"
	AlertPregnancy   = "pregnancy"
)

// Errors of questionnaires and their links.
var (
	ErrLinkNotFound        = fault.New(fault.NotFound, "not_found", "no such questionnaire link")
	ErrLinkExpired         = fault.New(fault.Gone, "link_expired", "the questionnaire link has expired")
	ErrAppointmentNotFound = fault.New(fault.NotFound, "not_found", "no such appointment")
	ErrNoPatient           = fault.New(fault.Conflict, "no_patient", "the appointment has no patient")
	ErrTooLarge            = fault.New(fault.TooLarge, "too_large", "the answers are too large")
	ErrUnknownDefinition   = fault.New(fault.NotFound, "unknown_questionnaire", "no such questionnaire")
)
