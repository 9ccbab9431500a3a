// Package messaging is how Frontdesk speaks to patients: every message is first a row
// of the outbox, written in the transaction of the change that caused it under a
// deterministic key, so a retried job or a repeated request never sends twice. A
// dispatcher moves due rows to a channel (the log channel here; SMS, WhatsApp and
// e-mail providers plug in behind the same interface).
package messaging

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The media a message can reach a patient by; an outbox row names one.
const (
	SMS      = "sms"
	Email    = "email"
	WhatsApp = "whatsapp"
)

// Media lists every medium.
var Media = []string{SMS, Email, WhatsApp}

// Status is where an outbox row is on its way out.
type Status string

// The statuses of an outbox row. Sending is a claimed row whose provider call is under
// way: no other dispatcher touches it.
const (
	Pending   Status = "pending"
	Sending   Status = "sending"
	Sent      Status = "sent"
	Delivered Status = "delivered"
	Failed    Status = "failed"
	Cancelled Status = "cancelled"
)

// Message is what a feature asks to send. Data fills the template; each template
// declares its fields (see templateFields) and a missing one is an error.
type Message struct {
	// DedupeKey makes the message unique: a second Enqueue with the same key is a no-op.
	DedupeKey     string
	Channel       string
	Recipient     string
	PatientID     string
	AppointmentID string
	Locale        string
	// BranchID names the branch the message speaks for (its channels); "" for none.
	BranchID string
	Template string
	Data     map[string]any
	// ExpectsReply marks a question (a reminder asking for 1/2): replies from the
	// recipient are matched to the newest such message.
	ExpectsReply bool
	// NotBefore delays the message; zero means as soon as possible.
	NotBefore time.Time
	// Attachments go with an e-mail (a purchase order's PDF); other media drop them.
	Attachments []Attachment
}

// Attachment is a file sent with an e-mail, stored beside its outbox row.
type Attachment struct {
	Filename    string `db:"filename"`
	ContentType string `db:"content_type"`
	Content     []byte `db:"content"`
}

// Row is one stored outbox row.
type Row struct {
	ID            string     `db:"id"`
	DedupeKey     string     `db:"dedupe_key"`
	Channel       string     `db:"channel"`
	Recipient     string     `db:"recipient"`
	PatientID     *string    `db:"patient_id"`
	AppointmentID *string    `db:"appointment_id"`
	Locale        string     `db:"locale"`
	BranchID      *string    `db:"branch_id"`
	ExpectsReply  bool       `db:"expects_reply"`
	Template      string     `db:"template"`
	Body          string     `db:"body"`
	Segments      int        `db:"segments"`
	Status        Status     `db:"status"`
	NotBefore     time.Time  `db:"not_before"`
	Attempts      int        `db:"attempts"`
	ProviderID    string     `db:"provider_id"`
	LastError     string     `db:"last_error"`
	CreatedAt     time.Time  `db:"created_at"`
	SentAt        *time.Time `db:"sent_at"`
	// TemplateData is the template's fields as strings (JSON), for provider templates.
	TemplateData string `db:"template_data"`
}

// Outgoing is what a channel is asked to deliver.
type Outgoing struct {
	ID        string
	DedupeKey string
	Channel   string
	Recipient string
	Body      string
	Segments  int
	// Template, Locale and Params let a channel send a provider-approved template
	// (WhatsApp outside the 24-hour window) instead of the rendered Body.
	Template string
	Locale   string
	Params   map[string]string
	// Subject is the e-mail subject line.
	Subject string
	// InWindow is true when the patient wrote to us on this medium within the last
	// 24 hours (WhatsApp allows free text only then).
	InWindow bool
	// Attachments are the row's files, read for e-mail only.
	Attachments []Attachment
}

// Channel delivers messages to a provider. Send returns the provider's id of the
// message; an error leaves the row for a later attempt, unless it is Permanent.
type Channel interface {
	Name() string
	Send(ctx context.Context, m Outgoing) (providerID string, err error)
}

// Reconciler is a channel that can tell whether a message it may have sent before a
// crash reached the provider: the ids of the provider's messages to the recipient with
// its text made since the attempt began (none: known not sent). ok is false when the
// provider cannot say. The dispatcher takes the first id no other row holds, so an
// earlier identical text is never mistaken for this one.
type Reconciler interface {
	Lookup(ctx context.Context, m Outgoing, since time.Time) (candidates []string, ok bool, err error)
}

// permanentError is a refusal that no retry will change (a bad number, a 4xx).
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as a failure no retry will fix: the dispatcher falls back to the
// patient's next channel instead of trying again.
func Permanent(err error) error { return permanentError{err: err} }

// IsPermanent reports whether err was marked Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// Errors of the outbox.
var (
	ErrUnknownTemplate = fault.New(fault.Invalid, "unknown_template", "no message template has this name")
	ErrBadMessage      = fault.New(fault.Invalid, "bad_message", "a message needs a dedupe key, a known medium and a recipient")
	ErrBadSignature    = fault.New(fault.Forbidden, "bad_signature", "the request's signature is missing or wrong")
	ErrPatientNotFound = fault.New(fault.NotFound, "patient_not_found", "no patient has this id")
	ErrNoAddress       = fault.New(fault.Unprocessable, "no_address", "the patient has no address we may write to")
	ErrLinkNotFound    = fault.New(fault.NotFound, "link_not_found", "no link has this code")
)
