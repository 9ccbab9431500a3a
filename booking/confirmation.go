package booking

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/visit"
)

// The reasons self-service writes on a patient's answer by SMS or WhatsApp, so the
// visit can tell a reply from a click on the manage link.
const (
	ReplyYes = "patient replied yes"
	ReplyNo  = "patient replied no"
)

// ConfirmationState is where a visit stands with its patient's answer.
type ConfirmationState string

// The confirmation states: the patient (or staff for them) confirmed, the patient
// said they are not coming, a question went out and is unanswered, or nobody asked.
const (
	ConfirmationConfirmed ConfirmationState = "confirmed"
	ConfirmationDeclined  ConfirmationState = "declined"
	ConfirmationNoAnswer  ConfirmationState = "no_answer"
	ConfirmationNotAsked  ConfirmationState = "not_asked"
)

// The ways an answer came (or a question went): a reply to a text, the manage link,
// the front desk; for an unanswered question, the medium it went by (sms, whatsapp, email).
const (
	ViaReply  = "reply"
	ViaLink   = "link"
	ViaStaff  = "staff"
	ViaSystem = "system"
)

// Confirmation is a visit's newest answer, or the question still unanswered.
type Confirmation struct {
	State ConfirmationState
	At    *time.Time
	Via   string
}

// answerRow is a confirmed or declined event of a visit.
type answerRow struct {
	AppointmentID string    `db:"appointment_id"`
	Kind          string    `db:"kind"`
	ActorKind     string    `db:"actor_kind"`
	Reason        string    `db:"reason"`
	At            time.Time `db:"at"`
}

// questionRow is a question (a text expecting a reply) that went out about a visit.
type questionRow struct {
	AppointmentID string    `db:"appointment_id"`
	Channel       string    `db:"channel"`
	SentAt        time.Time `db:"sent_at"`
}

// Confirmations tells, for each visit id, the newest answer of its patient (a later
// answer overrides an earlier one), else the newest question sent, else not asked.
func (s *Service) Confirmations(ctx context.Context, ids []string) (map[string]Confirmation, error) {
	out := make(map[string]Confirmation, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	answers, questions, err := s.store.answers(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, q := range questions {
		at := q.SentAt.UTC()
		out[q.AppointmentID] = Confirmation{State: ConfirmationNoAnswer, At: &at, Via: q.Channel}
	}
	for _, a := range answers {
		out[a.AppointmentID] = a.confirmation()
	}
	return out, nil
}

// confirmation reads an answer event as a confirmation.
func (r answerRow) confirmation() Confirmation {
	at := r.At.UTC()
	c := Confirmation{State: ConfirmationConfirmed, At: &at, Via: ViaSystem}
	if r.Kind == string(visit.EventDeclinedByPatient) {
		c.State = ConfirmationDeclined
	}
	switch {
	case r.ActorKind == string(actor.Staff):
		c.Via = ViaStaff
	case r.ActorKind == string(actor.Patient) && (r.Reason == ReplyYes || r.Reason == ReplyNo):
		c.Via = ViaReply
	case r.ActorKind == string(actor.Patient):
		c.Via = ViaLink
	}
	return c
}
