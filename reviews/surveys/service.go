package surveys

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/token"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/reviews"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// Outbox queues patient messages in the caller's transaction (*messaging.Service).
type Outbox interface {
	Enqueue(ctx context.Context, tx db.Tx, m messaging.Message) error
}

// Cards reads a patient's card inside a caller's transaction (*clinic.Service): how to
// reach them and what they agreed to be sent.
type Cards interface {
	PatientTx(ctx context.Context, q db.Q, id string) (clinic.Patient, error)
}

// Tasks opens the desk's tasks in the caller's transaction (*tasks.Service).
type Tasks interface {
	Open(ctx context.Context, q db.Q, n tasks.New) (string, error)
}

// Deps are what the surveys need.
type Deps struct {
	DB     *db.DB
	Cards  Cards
	Outbox Outbox
	Tasks  Tasks
	// Audit, when set, records staff reading patients' answers (the answered list).
	Audit *audit.Log
	// PublicURL is where patients open /s/{token}.
	PublicURL string
	Now       func() time.Time
}

// Service runs surveys: answers by phone and by link, the links, review invitations,
// service-recovery tasks and the scores. It fills reviews.Surveys.
type Service struct {
	d     Deps
	store store
}

// NewService returns the surveys over d.
func NewService(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	d.PublicURL = strings.TrimRight(d.PublicURL, "/")
	return &Service{d: d, store: store{db: d.DB}}
}

func (s *Service) clock() time.Time { return s.d.Now().UTC().Truncate(time.Microsecond) }

func (s *Service) url(tok string) string { return s.d.PublicURL + "/s/" + tok }

// RecordCall stores the answers f's patient gave staffID on the phone, in the call's
// transaction tx, then invites the patient to review the branch and, on a low score,
// opens the manager's task. A survey already answered is ErrAnswered.
func (s *Service) RecordCall(ctx context.Context, tx db.Tx, f reviews.FollowUp, staffID string, a reviews.Answers) error {
	if err := a.Check("survey."); err != nil {
		return err
	}
	a.Comment = cleanComment(a.Comment)
	now := s.clock()
	v := surveyOf(f, now)
	v.AnsweredAt, v.AnsweredBy = &now, &staffID
	id, err := s.store.answerCall(ctx, tx, v, a)
	if err != nil {
		return err
	}
	v.ID = id
	return s.afterAnswer(ctx, tx, v, a)
}

// surveyOf is a new survey about f.
func surveyOf(f reviews.FollowUp, now time.Time) Survey {
	return Survey{ID: uuid.NewString(), FollowUpID: f.ID, AppointmentID: f.AppointmentID, PatientID: f.PatientID,
		BranchID: f.BranchID, DoctorID: f.DoctorID, Locale: f.Locale, CreatedAt: now}
}

// linkKey is the outbox key of a follow-up's survey link: one message per follow-up.
func linkKey(followUpID string) string { return "survey_link:" + followUpID }

// invitationKey is the outbox key of a follow-up's review invitation.
func invitationKey(followUpID string) string { return "review_invitation:" + followUpID }

// SendLink queues the survey link to f's patient, in tx, by their preferred medium
// they agreed to service messages on (else the next such). A follow-up that has a
// survey already, or a patient with no such medium, gets nothing.
func (s *Service) SendLink(ctx context.Context, tx db.Tx, f reviews.FollowUp) (bool, error) {
	p, err := s.d.Cards.PatientTx(ctx, tx, f.PatientID)
	if err != nil {
		return false, err
	}
	m, ok := addressOf(p)
	if !ok {
		return false, nil
	}
	now := s.clock()
	v := surveyOf(f, now)
	expires := now.Add(LinkTTL)
	v.SentAt, v.ExpiresAt = &now, &expires
	tok := token.New()
	if created, err := s.store.insertLink(ctx, tx, v, token.Hash(tok)); err != nil || !created {
		return !created && err == nil, err // already sent (or answered): no second message
	}
	at, err := s.store.place(ctx, tx, f.BranchID, f.DoctorID)
	if err != nil {
		return false, err
	}
	m.DedupeKey, m.Template, m.PatientID, m.BranchID = linkKey(f.ID), TemplateLink, f.PatientID, f.BranchID
	m.AppointmentID, m.Locale = deref(f.AppointmentID), pageLocale(f.Locale, p.Locale, at.BranchLocale)
	m.Data = map[string]any{"Clinic": at.BranchName, "Doctor": deref(at.DoctorName), "Link": s.url(tok)}
	return true, s.d.Outbox.Enqueue(ctx, tx, m)
}

// afterAnswer is what every answered survey brings, in its transaction: the review
// invitation to every respondent whatever they scored (when the branch has review
// links), and on a low score the manager's service-recovery task.
func (s *Service) afterAnswer(ctx context.Context, tx db.Tx, v Survey, a reviews.Answers) error {
	at, err := s.store.place(ctx, tx, v.BranchID, v.DoctorID)
	if err != nil {
		return err
	}
	if err := s.invite(ctx, tx, v, at); err != nil {
		return err
	}
	if !a.Low() {
		return nil
	}
	_, err = s.d.Tasks.Open(ctx, tx, tasks.New{Kind: tasks.FollowUpCall, Queue: ManagerQueue, BranchID: &v.BranchID,
		PatientID: &v.PatientID, AppointmentID: v.AppointmentID, Text: recoveryText(at.BranchLocale, a)})
	return err
}

// invite queues the branch's review links to the patient.
func (s *Service) invite(ctx context.Context, tx db.Tx, v Survey, at place) error {
	links, err := s.store.links(ctx, tx, v.BranchID)
	if err != nil || len(links) == 0 {
		return err
	}
	p, err := s.d.Cards.PatientTx(ctx, tx, v.PatientID)
	if err != nil {
		return err
	}
	m, ok := addressOf(p)
	if !ok {
		return nil
	}
	m.DedupeKey, m.Template, m.PatientID, m.BranchID = invitationKey(v.FollowUpID), TemplateInvitation, v.PatientID, v.BranchID
	m.AppointmentID, m.Locale = deref(v.AppointmentID), pageLocale(v.Locale, p.Locale, at.BranchLocale)
	m.Data = map[string]any{"Clinic": at.BranchName, "Links": linkLines(links, m.Locale)}
	return s.d.Outbox.Enqueue(ctx, tx, m)
}

// addressOf is the patient's preferred medium, else the first of WhatsApp, SMS and
// e-mail, that they have an address for and agreed to service messages on.
func addressOf(p clinic.Patient) (messaging.Message, bool) {
	for _, medium := range append([]string{p.PreferredChannel}, mediaOrder...) {
		address := p.Phone
		if medium == messaging.Email {
			address = p.Email
		}
		if address != "" && slices.Contains(messaging.Media, medium) && allows(p, medium) {
			return messaging.Message{Channel: medium, Recipient: address}, true
		}
	}
	return messaging.Message{}, false
}

// allows is a card that takes service messages on medium: its preferred medium unless
// it says no there (a card silent about it allows it, as for reminders), any other
// only with an explicit yes.
func allows(p clinic.Patient, medium string) bool {
	c, said := p.Consents[medium]
	if medium == p.PreferredChannel {
		return !said || c.Service
	}
	return c.Service
}

// linkLines are the review links as message lines: "Google: https://…".
func linkLines(links []ReviewLink, locale string) string {
	lines := make([]string, len(links))
	for i, l := range links {
		lines[i] = siteName(l.Site, locale) + ": " + l.URL
	}
	return strings.Join(lines, "\n")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
