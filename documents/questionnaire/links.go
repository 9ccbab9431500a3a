package questionnaire

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/token"
	"github.com/frontdeskhq/frontdesk/messaging"
)

const (
	// linkGrace keeps a link working for a day after its visit ends, for the
	// patient who fills it in the evening after.
	linkGrace = 24 * time.Hour
	// TemplateLink is the message that carries the link.
	TemplateLink = messaging.TemplateQuestionnaireLink
)

// Link is a questionnaire link as staff hand it over.
type Link struct {
	URL       string
	ExpiresAt time.Time
}

func (s *Service) url(token string) string { return s.publicURL + "/q/" + token }

// CreateLink makes a new link to the questionnaire of a visit the actor may see. Each
// call makes a new link (only hashes are kept, so an old one cannot be shown again).
func (s *Service) CreateLink(ctx context.Context, appointmentID string) (Link, error) {
	v, err := selectVisit(ctx, s.db.R, appointmentID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !actor.From(ctx).CanSeeBranch(v.BranchID)) {
		return Link{}, ErrAppointmentNotFound
	}
	if err != nil {
		return Link{}, err
	}
	if v.PatientID == nil {
		return Link{}, ErrNoPatient
	}
	var l Link
	err = s.db.InTx(ctx, func(tx db.Tx) error {
		token, expires, err := s.insertLink(ctx, tx, v)
		l = Link{URL: s.url(token), ExpiresAt: expires}
		if err != nil {
			return err
		}
		return s.log.Record(ctx, tx, audit.Entry{Action: audit.Create, Entity: "questionnaire_link",
			EntityID: v.ID, PatientID: *v.PatientID})
	})
	return l, err
}

func (s *Service) insertLink(ctx context.Context, tx db.Tx, v visit) (string, time.Time, error) {
	tok, l := newLink(v)
	return tok, l.ExpiresAt, insertLink(ctx, tx, l, s.clock())
}

// newLink draws a new link to v's questionnaire: the token to send and the row to store.
func newLink(v visit) (string, link) {
	tok := token.New()
	return tok, link{TokenHash: token.Hash(tok), AppointmentID: &v.ID, PatientID: v.PatientID,
		ExpiresAt: v.End.UTC().Add(linkGrace)}
}

// sendKey is the outbox key of a visit's questionnaire message: one per visit, however
// often the booking event is delivered.
func sendKey(appointmentID string) string { return "questionnaire:" + appointmentID }

// SendLink queues the questionnaire link for a newly booked visit (its visit-event subscriber calls it
// for each "booked" event, at least once): the link and its message are made in one
// transaction, and a visit already sent one is left alone.
func (s *Service) SendLink(ctx context.Context, appointmentID string) error {
	if s.outbox == nil {
		return nil
	}
	v, err := selectVisit(ctx, s.db.R, appointmentID)
	if err != nil || !v.wantsLink() {
		return err
	}
	ctx = actor.With(ctx, actor.Actor{Kind: actor.System})
	return s.db.InTx(ctx, func(tx db.Tx) error {
		if _, sent, err := s.outbox.QueuedAt(ctx, tx, sendKey(v.ID)); err != nil || sent {
			return err
		}
		p, err := s.cards.PatientTx(ctx, tx, *v.PatientID)
		if err != nil {
			return err
		}
		m, ok := linkMessage(p, v)
		if !ok {
			return nil // no way to reach the patient: staff hand the link over themselves
		}
		token, _, err := s.insertLink(ctx, tx, v)
		if err != nil {
			return err
		}
		m.Data = s.linkData(v, token)
		return s.outbox.Enqueue(ctx, tx, m)
	})
}

// linkData fills the message that carries v's link, token.
func (s *Service) linkData(v visit, token string) map[string]any {
	return map[string]any{"Clinic": v.BranchName, "Start": v.Start.In(v.zone()), "Link": s.url(token)}
}

// wantsLink: a visit still ahead of a patient, and not one a visit was moved to (the
// link sent for the first one follows the move).
func (v visit) wantsLink() bool {
	return v.PatientID != nil && v.RescheduledFrom == nil && (v.Status == "booked" || v.Status == "confirmed")
}

// linkMessage addresses the link to the patient's phone, else their e-mail, in their
// language (else the branch's).
func linkMessage(p clinic.Patient, v visit) (messaging.Message, bool) {
	m := messaging.Message{DedupeKey: sendKey(v.ID), Channel: messaging.SMS, Recipient: p.Phone,
		PatientID: p.ID, AppointmentID: v.ID, Locale: pageLocale(p.Locale, v.BranchLocale), BranchID: v.BranchID,
		Template: TemplateLink}
	if p.Phone == "" {
		m.Channel, m.Recipient = messaging.Email, p.Email
	}
	return m, m.Recipient != ""
}

// session is an open link: the visit, the patient and the language to speak.
type session struct {
	link    link
	visit   visit
	locale  string
	today   time.Time
	country string
	// consentAge is the branch's age of medical consent ($minor).
	consentAge int
}

// open finds what a token opens. Unknown (or revoked) is ErrLinkNotFound, whatever it
// was; a link past its visit's end and grace is ErrLinkExpired. A moved visit is
// followed to its replacement.
func (s *Service) open(ctx context.Context, tok string) (session, error) {
	if !token.Valid(tok) {
		return session{}, ErrLinkNotFound
	}
	l, err := selectLink(ctx, s.db.R, token.Hash(tok))
	if errors.Is(err, db.ErrNotFound) || (err == nil && (l.AppointmentID == nil || l.PatientID == nil)) {
		return session{}, ErrLinkNotFound
	}
	if err != nil {
		return session{}, err
	}
	v, err := newestVisit(ctx, s.db.R, *l.AppointmentID)
	if err != nil {
		return session{}, err
	}
	now := s.clock()
	if !now.Before(l.ExpiresAt) && !now.Before(v.End.Add(linkGrace)) {
		return session{}, ErrLinkExpired
	}
	return session{link: l, visit: v, locale: v.BranchLocale, country: v.BranchCountry,
		today: dateIn(now, v.zone()), consentAge: v.consentAge()}, nil
}

// dateIn is the local date of t in loc, as midnight UTC (what dates are compared as).
func dateIn(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// asPatient is the context of a request made through the link, for the audit log.
func asPatient(ctx context.Context, l link) context.Context {
	return actor.With(ctx, actor.Actor{Kind: actor.Patient, PatientLink: l.ref()})
}
