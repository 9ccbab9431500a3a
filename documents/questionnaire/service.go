package questionnaire

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// Outbox queues patient messages in the caller's transaction (*messaging.Service).
type Outbox interface {
	Enqueue(ctx context.Context, tx db.Tx, m messaging.Message) error
	EnqueueAll(ctx context.Context, tx db.Tx, ms []messaging.Message) error
	QueuedAt(ctx context.Context, q db.Q, key string) (time.Time, bool, error)
	Queued(ctx context.Context, q db.Q, keys []string) (map[string]bool, error)
}

// Cards reads and updates patient cards inside a caller's transaction (*clinic.Service);
// the questionnaire has already checked who may touch the card.
type Cards interface {
	PatientTx(ctx context.Context, q db.Q, id string) (clinic.Patient, error)
	PatientsTx(ctx context.Context, q db.Q, ids []string) (map[string]clinic.Patient, error)
	UpdatePatientTx(ctx context.Context, tx db.Tx, id string, patch clinic.PatientPatch) (clinic.Patient, error)
}

// Deps are what the questionnaire service needs.
type Deps struct {
	DB    *db.DB
	Audit *audit.Log
	Cards Cards
	// Outbox sends the link after booking; nil sends nothing.
	Outbox Outbox
	// Definitions are the loaded questionnaires; nil is the embedded set.
	Definitions *Set
	// PublicURL is where patients open /q/{token}.
	PublicURL string
	Now       func() time.Time
}

// Service runs questionnaires: links, drafts, submissions and alerts.
type Service struct {
	db        *db.DB
	log       *audit.Log
	cards     Cards
	outbox    Outbox
	defs      *Set
	publicURL string
	now       func() time.Time
}

// NewService returns the questionnaire service over d.
func NewService(d Deps) *Service {
	if d.Definitions == nil {
		d.Definitions = MustDefault()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Audit == nil {
		d.Audit = audit.New(d.DB, d.Now)
	}
	return &Service{db: d.DB, log: d.Audit, cards: d.Cards, outbox: d.Outbox, defs: d.Definitions,
		publicURL: d.PublicURL, now: d.Now}
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Definition is the questionnaire sent before visits.
func (s *Service) Definition() *Definition {
	d, _ := s.defs.Get(DefaultID)
	return d
}

// definitionOf is the definition a response was given on (falling back to the current
// one when an override has since dropped it).
func (s *Service) definitionOf(id string) *Definition {
	if d, ok := s.defs.Get(id); ok {
		return d
	}
	return s.Definition()
}

// Latest is the patient's newest submitted response (ok=false when none).
func (s *Service) Latest(ctx context.Context, patientID string) (Response, bool, error) {
	r, ok, err := selectLatest(ctx, s.db.R, patientID)
	if !ok || err != nil {
		return Response{}, false, err
	}
	return r.response(), true, nil
}

// DisplayAnswers turns a response into display strings per linkId in locale (choices
// as their localized text, booleans yes/no).
func (s *Service) DisplayAnswers(r Response, locale string) map[string]string {
	d := s.definitionOf(r.QuestionnaireID)
	out := make(map[string]string, len(r.Answers))
	for i := range d.Items {
		it := &d.Items[i]
		if v, ok := r.Answers[it.LinkID]; ok {
			out[it.LinkID] = display(it, v, locale)
		}
	}
	return out
}

// Alerts are the patient's current structured medical alerts (allergies, medications,
// conditions), with Changed flags: those of the newest submitted response.
func (s *Service) Alerts(ctx context.Context, patientID string) ([]Alert, error) {
	r, ok, err := selectLatest(ctx, s.db.R, patientID)
	if err != nil || !ok {
		return []Alert{}, err
	}
	if r.Alerts.V == nil {
		return []Alert{}, nil
	}
	return r.Alerts.V, nil
}
