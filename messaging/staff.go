package messaging

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// HistoryItem is one message in a patient's contact history: Direction "out" (our
// outbox; Status its delivery) or "in" (their reply; Status what it meant).
type HistoryItem struct {
	ID            string
	Direction     string
	Medium        string
	Address       string
	Body          string
	Status        string
	Segments      int
	Template      string
	At            time.Time
	AppointmentID *string
}

// HistoryPage is a page of history, newest first; Next continues it.
type HistoryPage struct {
	Items []HistoryItem
	Next  string
}

// History lists a patient's messages in and out, newest first.
func (s *Service) History(ctx context.Context, patientID, cursor string, limit int) (HistoryPage, error) {
	p, err := s.patient(ctx, patientID)
	if err != nil {
		return HistoryPage{}, err
	}
	at, id, err := httpjson.ParseTimeCursor(cursor)
	if err != nil {
		return HistoryPage{}, err
	}
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.store.history(ctx, p.ID, id == "", at, id, limit+1)
	if err != nil {
		return HistoryPage{}, err
	}
	if err := s.auditRead(ctx, p.ID); err != nil {
		return HistoryPage{}, err
	}
	page := HistoryPage{Items: make([]HistoryItem, 0, len(rows))}
	for _, r := range rows {
		page.Items = append(page.Items, HistoryItem(r))
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		page.Next = httpjson.TimeCursor(last.At, last.ID)
	}
	return page, nil
}

// auditRead records that the acting staff member read a patient's messages.
func (s *Service) auditRead(ctx context.Context, patientID string) error {
	if s.audit == nil {
		return nil
	}
	return s.audit.Record(ctx, s.db.W, audit.Entry{Action: audit.Read, Entity: "patient_messages", EntityID: patientID,
		PatientID: patientID})
}

// StaffMessage is what staff send a patient: a template with its data, or free text.
type StaffMessage struct {
	// Medium is sms, whatsapp or email; "" is the patient's preferred medium.
	Medium   string
	Template string
	Data     map[string]any
	Text     string
}

// SendToPatient queues a message to a patient from the front desk; the dispatcher
// routes it like any other (preference, fallback, opt-outs).
func (s *Service) SendToPatient(ctx context.Context, patientID string, m StaffMessage) (Row, error) {
	p, err := s.patient(ctx, patientID)
	if err != nil {
		return Row{}, err
	}
	msg, err := m.message(p)
	if err != nil {
		return Row{}, err
	}
	if _, err := s.tpl.Render(msg.Locale, msg.Template, msg.Data); err != nil {
		return Row{}, fault.Field("data", "template", "the template needs other data: "+err.Error())
	}
	err = s.db.InTx(ctx, func(tx db.Tx) error { return s.Enqueue(ctx, tx, msg) })
	if err != nil {
		return Row{}, err
	}
	return s.store.rowByKey(ctx, s.db.W, msg.DedupeKey)
}

// message turns a staff request into an outbox message with a fresh key (the API's
// Idempotency-Key makes a retried request one message).
func (m StaffMessage) message(p patientCard) (Message, error) {
	medium := m.Medium
	if medium == "" {
		medium = p.Preferred
	}
	if !slices.Contains(Media, medium) {
		return Message{}, fault.Field("medium", "oneof", "must be one of sms, whatsapp, email")
	}
	recipient := p.Phone
	if medium == Email {
		recipient = p.Email
	}
	if strings.TrimSpace(recipient) == "" {
		return Message{}, ErrNoAddress
	}
	out := Message{DedupeKey: "staff:" + newID(), Channel: medium, Recipient: recipient, PatientID: p.ID,
		Locale: p.Locale, BranchID: deref(p.BranchID), Template: m.Template, Data: m.Data}
	switch {
	case strings.TrimSpace(m.Text) != "" && m.Template == "":
		out.Template, out.Data = TemplateFreeText, map[string]any{"Text": strings.TrimSpace(m.Text)}
	case m.Template == "" || m.Text != "":
		return Message{}, fault.Field("template", "required", "send either a template (with data) or a text")
	}
	if _, known := templateFields[out.Template]; !known {
		return Message{}, fault.Field("template", "oneof", "no message template has this name")
	}
	return out, nil
}

// patientCard is what messaging reads of a patient.
type patientCard struct {
	ID        string  `db:"id"`
	Phone     string  `db:"phone"`
	Email     string  `db:"email"`
	Preferred string  `db:"preferred_channel"`
	Locale    string  `db:"locale"`
	BranchID  *string `db:"home_branch_id"`
}

const selectPatientCard = `SELECT id, phone, email, preferred_channel, locale, home_branch_id FROM patients
	WHERE id = ? AND merged_into IS NULL`

func (s *Service) patient(ctx context.Context, id string) (patientCard, error) {
	id = strings.ToLower(id)
	if uuid.Validate(id) != nil {
		return patientCard{}, ErrPatientNotFound
	}
	var p patientCard
	err := db.Get(ctx, s.db.R, &p, selectPatientCard, id)
	if errors.Is(err, db.ErrNotFound) {
		return patientCard{}, ErrPatientNotFound
	}
	return p, err
}
