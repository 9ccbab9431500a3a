package messaging

import (
	"context"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// TemplateDeclineFollowup answers a patient who cannot come with the link to choose
// another time.
const TemplateDeclineFollowup = "decline_followup"

// Appointments is what replies act on; booking implements it (booking/replies.go).
type Appointments interface {
	// ConfirmByReply confirms the visit as the patient.
	ConfirmByReply(ctx context.Context, appointmentID string) error
	// DeclineByReply records that the patient will not come (not a cancellation) and
	// returns a fresh manage link for them to choose another time.
	DeclineByReply(ctx context.Context, appointmentID string) (manageURL string, err error)
}

// InboxDeps are what the inbox needs besides the outbox.
type InboxDeps struct {
	Appointments Appointments
	// Normalize writes a phone number in E.164 (clinic.NormalizePhone).
	Normalize func(raw, region string) (string, bool)
}

// Inbox receives what patients send and what providers report.
type Inbox struct {
	s    *Service
	deps InboxDeps
}

// NewInbox returns the inbox over the outbox s.
func NewInbox(s *Service, deps InboxDeps) *Inbox { return &Inbox{s: s, deps: deps} }

// Inbound is a message a patient sent us.
type Inbound struct {
	Medium     string
	Provider   string
	ProviderID string
	From       string
	To         string
	Body       string
	// Payload is a quick-reply button's payload, read before the text when present.
	Payload string
}

// Receive stores a patient's message and acts on it: a reply to our newest question
// confirms or declines that visit; STOP and START change consent; anything else, or a
// stranger's message, becomes a task. Nothing here is an error to the provider but a
// failing database.
func (in *Inbox) Receive(ctx context.Context, m Inbound) error {
	from := in.address(m.Medium, m.From)
	intent := ParseReply(m.Body)
	if m.Payload != "" {
		if p := ParseReply(m.Payload); p != IntentUnknown {
			intent = p
		}
	}
	row := inboundRow{ID: newID(), Medium: m.Medium, Provider: m.Provider, ProviderID: m.ProviderID, From: from,
		To: m.To, Body: truncate(m.Body, 2000), Intent: string(intent), ReceivedAt: in.s.clock()}
	if row.ProviderID == "" {
		row.ProviderID = row.ID
	}
	q, err := in.match(ctx, &row)
	if err != nil {
		return err
	}
	if !owesAction(q, intent) {
		row.ActedAt = &row.ReceivedAt
	}
	fresh, err := in.store(ctx, row, q, intent)
	if err != nil || !fresh {
		return err
	}
	return in.act(ctx, row, q, intent)
}

// match finds the question a message answers (the newest one sent to its address)
// and fills in the patient and visit; a stranger's phone may still name a patient.
func (in *Inbox) match(ctx context.Context, row *inboundRow) (*question, error) {
	q, err := in.s.store.newestQuestion(ctx, row.From)
	if err != nil {
		return nil, err
	}
	if q != nil {
		row.PatientID, row.OutboxID, row.AppointmentID = q.PatientID, &q.ID, q.AppointmentID
	} else if row.Medium != Email {
		row.PatientID, err = in.s.store.patientByPhone(ctx, row.From)
	}
	return q, err
}

// address writes a sender the way our outbox wrote the recipient.
func (in *Inbox) address(medium, raw string) string {
	raw = strings.TrimSpace(strings.TrimPrefix(raw, "whatsapp:"))
	if medium == Email {
		return strings.ToLower(raw)
	}
	if raw != "" && !strings.HasPrefix(raw, "+") && strings.Trim(raw, "0123456789") == "" {
		raw = "+" + raw
	}
	if in.deps.Normalize != nil {
		if e164, ok := in.deps.Normalize(raw, ""); ok {
			return e164
		}
	}
	return raw
}

// store writes the message, and what needs no booking (consent, tasks), in one
// transaction; fresh is false for a message the provider delivered before.
func (in *Inbox) store(ctx context.Context, row inboundRow, q *question, intent Intent) (fresh bool, err error) {
	err = in.s.db.InTx(ctx, func(tx db.Tx) error {
		if fresh, err = in.s.store.insertInbound(ctx, tx, row); err != nil || !fresh {
			return err
		}
		switch {
		case intent == IntentStop || intent == IntentStart:
			return in.s.store.recordConsent(ctx, tx, row.PatientID, row.From, row.Medium, intent == IntentStop, "reply:"+row.ID, row.ReceivedAt)
		case q == nil:
			return in.task(ctx, tx, tasks.Unmatched, row, nil, row.Body)
		case q.AppointmentID == nil || intent == IntentUnknown:
			return in.task(ctx, tx, tasks.Reply, row, q.BranchID, row.Body)
		}
		return nil
	})
	return fresh, err
}

// owesAction is a reply that confirms or declines the visit of the question it answers.
func owesAction(q *question, intent Intent) bool {
	return q != nil && q.AppointmentID != nil && (intent == IntentConfirm || intent == IntentDecline)
}

// act confirms or declines the visit the question was about, through booking, and
// marks the reply acted on: with the decline's task and message, or after the
// confirmation (confirming twice changes nothing).
func (in *Inbox) act(ctx context.Context, row inboundRow, q *question, intent Intent) error {
	if !owesAction(q, intent) || in.deps.Appointments == nil {
		return nil
	}
	switch intent {
	case IntentConfirm:
		if err := in.deps.Appointments.ConfirmByReply(ctx, *q.AppointmentID); err != nil {
			return in.failedAction(ctx, row, q, "could not confirm: "+err.Error())
		}
		return in.s.store.markActed(ctx, in.s.db.W, row.ID, in.s.clock())
	case IntentDecline:
		link, err := in.deps.Appointments.DeclineByReply(ctx, *q.AppointmentID)
		if err != nil {
			return in.failedAction(ctx, row, q, "could not record the decline: "+err.Error())
		}
		return in.followUp(ctx, row, q, link)
	}
	return nil
}

// followUp opens the decline task and sends the patient the link to another time.
func (in *Inbox) followUp(ctx context.Context, row inboundRow, q *question, link string) error {
	return in.s.db.InTx(ctx, func(tx db.Tx) error {
		if err := in.task(ctx, tx, tasks.Decline, row, q.BranchID, row.Body); err != nil {
			return err
		}
		if err := in.s.store.markActed(ctx, tx, row.ID, in.s.clock()); err != nil {
			return err
		}
		clinic, err := in.s.store.clinicName(ctx, tx, q.BranchID)
		if err != nil {
			return err
		}
		return in.s.Enqueue(ctx, tx, Message{DedupeKey: "decline_followup:" + row.ID, Channel: row.Medium,
			Recipient: row.From, PatientID: deref(row.PatientID), AppointmentID: deref(row.AppointmentID),
			BranchID: deref(q.BranchID), Locale: q.Locale, Template: TemplateDeclineFollowup,
			Data: map[string]any{"Clinic": clinic, "Link": link}})
	})
}

func (in *Inbox) failedAction(ctx context.Context, row inboundRow, q *question, why string) error {
	return in.s.db.InTx(ctx, func(tx db.Tx) error {
		if err := in.s.store.markActed(ctx, tx, row.ID, in.s.clock()); err != nil {
			return err
		}
		return in.task(ctx, tx, tasks.Reply, row, q.BranchID, row.Body+" ("+why+")")
	})
}

// unactedAfter is how old a reply still owing its action must be before the job takes
// it: the request that stored it acts within moments unless it died.
const unactedAfter = time.Minute

// ActOnUnacted takes the replies whose action a crash left owing and acts on them, in
// the order they came; it returns how many it took.
func (in *Inbox) ActOnUnacted(ctx context.Context) (int, error) {
	rows, err := in.s.store.unacted(ctx, in.s.clock().Add(-unactedAfter), 50)
	if err != nil {
		return 0, err
	}
	for _, row := range rows {
		if err := in.actAgain(ctx, row); err != nil {
			return 0, err
		}
	}
	return len(rows), nil
}

func (in *Inbox) actAgain(ctx context.Context, row inboundRow) error {
	if row.OutboxID == nil {
		return in.s.store.markActed(ctx, in.s.db.W, row.ID, in.s.clock())
	}
	q, err := in.s.store.questionByID(ctx, *row.OutboxID)
	if err != nil {
		return err
	}
	return in.act(ctx, row, q, Intent(row.Intent))
}

func (in *Inbox) task(ctx context.Context, tx db.Tx, kind string, row inboundRow, branchID *string, text string) error {
	_, err := in.s.tasks.Open(ctx, tx, tasks.New{Kind: kind, PatientID: row.PatientID, AppointmentID: row.AppointmentID,
		BranchID: branchID, InboundID: &row.ID, Text: truncate(text, 2000), At: row.ReceivedAt})
	return err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// secrets lists a setting (auth_token, app_secret, verify_token) of every enabled
// channel of provider, after the instance-wide ones.
func (in *Inbox) secrets(ctx context.Context, provider, key string, static []string) ([]string, error) {
	list, err := in.s.store.enabledChannels(ctx, provider)
	if err != nil {
		return nil, err
	}
	out := append([]string{}, static...)
	for _, c := range list {
		if v := c.Settings[key]; v != "" {
			out = append(out, v)
		}
	}
	return out, nil
}
