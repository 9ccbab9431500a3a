package questionnaire

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Form is what the patient's page shows: the questions, the answers so far and the
// language.
type Form struct {
	Definition *Definition
	Answers    Answers
	Locale     string
	// ConsentAge is the branch's age of medical consent: under it, $minor holds.
	ConsentAge int
	// Submitted is set once this visit's questionnaire has been sent.
	Submitted bool
}

// visitOnly are answers that belong to one visit and are never carried to the next.
var visitOnly = []string{"complaint", "pain_level"}

// Open reads a link's form: the visit's draft if there is one, else the patient's
// card and their latest submitted answers, so a returning patient confirms.
func (s *Service) Open(ctx context.Context, token string) (Form, error) {
	ss, err := s.open(ctx, token)
	if err != nil {
		return Form{}, err
	}
	ctx = asPatient(ctx, ss.link)
	p, err := s.cards.PatientTx(ctx, s.db.R, *ss.link.PatientID)
	if err != nil {
		return Form{}, err
	}
	f := Form{Definition: s.Definition(), Locale: pageLocale(p.Locale, ss.locale), ConsentAge: ss.consentAge}
	if f.Answers, f.Submitted, err = s.formAnswers(ctx, p, ss.visit.ID); err != nil {
		return Form{}, err
	}
	return f, s.log.RecordNow(ctx, audit.Entry{Action: audit.Read, Entity: "questionnaire", EntityID: ss.visit.ID, PatientID: p.ID})
}

// formAnswers are the visit's draft, else the prefill.
func (s *Service) formAnswers(ctx context.Context, p clinic.Patient, visitID string) (Answers, bool, error) {
	draft, ok, err := selectDraft(ctx, s.db.R, visitID)
	if err != nil || ok {
		return draft.response().Answers, false, err
	}
	return s.prefill(ctx, p, visitID)
}

// prefill is the latest submitted answers under the card's current data.
func (s *Service) prefill(ctx context.Context, p clinic.Patient, visitID string) (Answers, bool, error) {
	latest, ok, err := selectLatest(ctx, s.db.R, p.ID)
	if err != nil {
		return nil, false, err
	}
	a := Answers{}
	if ok {
		a = latest.response().Answers
		for _, id := range visitOnly {
			delete(a, id)
		}
	}
	card := map[string]string{"first_name": p.FirstName, "last_name": p.LastName, "birth_date": p.BirthDate,
		"sex": p.Sex, "phone": p.Phone, "email": p.Email, "address": p.Address, "id_document": p.IDDocument}
	for k, v := range card {
		if v != "" {
			a[k] = v
		}
	}
	submitted := ok && latest.AppointmentID != nil && *latest.AppointmentID == visitID
	return a, submitted, nil
}

// SaveDraft keeps what the patient typed so far without asking for the required
// answers; only malformed-beyond-limits input is refused.
func (s *Service) SaveDraft(ctx context.Context, token string, raw Raw) (Answers, []Problem, error) {
	ss, err := s.open(ctx, token)
	if err != nil {
		return nil, nil, err
	}
	ctx = asPatient(ctx, ss.link)
	def := s.Definition()
	a, problems := def.Read(raw, Check{Country: ss.country, Today: ss.today, ConsentAge: ss.consentAge})
	if len(problems) > 0 {
		return a, problems, nil
	}
	row, err := s.row(ss, def, a, StatusDraft)
	if err != nil {
		return nil, nil, err
	}
	return a, nil, s.db.InTx(ctx, func(tx db.Tx) error {
		if err := s.storeRow(ctx, tx, row); err != nil {
			return err
		}
		return s.log.Record(ctx, tx, audit.Entry{Action: audit.Update, Entity: "questionnaire", EntityID: ss.visit.ID,
			PatientID: row.PatientID})
	})
}

// Submit checks the answers against the definition and, in one transaction, stores
// the response, updates the patient card and sets its medical alerts, flagged where
// they changed since the previous response. Problems come back (with no error) for
// the page to show; a card rule that fails becomes a problem of its question.
func (s *Service) Submit(ctx context.Context, token string, raw Raw) (Response, []Problem, error) {
	ss, err := s.open(ctx, token)
	if err != nil {
		return Response{}, nil, err
	}
	ctx = asPatient(ctx, ss.link)
	def := s.Definition()
	a, problems := def.Read(raw, Check{Strict: true, Country: ss.country, Today: ss.today, ConsentAge: ss.consentAge})
	if len(problems) > 0 {
		return Response{}, problems, nil
	}
	row, err := s.row(ss, def, a, StatusSubmitted)
	if err != nil {
		return Response{}, nil, err
	}
	err = s.db.InTx(ctx, func(tx db.Tx) error { return s.submitTx(ctx, tx, def, row, ss.locale) })
	if fe, ok := fault.As(err); ok && fe.Kind == fault.Invalid && len(fe.Fields) > 0 {
		return Response{}, cardProblems(fe), nil
	}
	return row.response(), nil, err
}

func (s *Service) submitTx(ctx context.Context, tx db.Tx, def *Definition, row responseRow, branchLocale string) error {
	prev, hadPrev, err := selectLatest(ctx, tx, row.PatientID)
	if err != nil {
		return err
	}
	row.Alerts.V = markChanged(buildAlerts(def, row.Answers.V, branchLocale), prev.Alerts.V, hadPrev)
	if err := s.storeRow(ctx, tx, row); err != nil {
		return err
	}
	if _, err := s.cards.UpdatePatientTx(ctx, tx, row.PatientID, cardPatch(row.Answers.V, row.Alerts.V)); err != nil {
		return err
	}
	return s.log.Record(ctx, tx, audit.Entry{Action: audit.Create, Entity: "questionnaire_response",
		EntityID: row.ID, PatientID: row.PatientID})
}

// row is a response ready to store; answers too big as JSON are refused.
func (s *Service) row(ss session, def *Definition, a Answers, status string) (responseRow, error) {
	if b, err := json.Marshal(a); err != nil || len(b) > MaxAnswersBytes {
		return responseRow{}, ErrTooLarge
	}
	now := s.clock()
	r := responseRow{ID: uuid.NewString(), PatientID: *ss.link.PatientID, AppointmentID: &ss.visit.ID,
		QuestionnaireID: def.ID, Version: def.Version, Locale: ss.locale, Status: status,
		Answers: jsonText[Answers]{a}, Alerts: jsonText[[]Alert]{[]Alert{}}, CreatedAt: now, UpdatedAt: now}
	if status == StatusSubmitted {
		r.SubmittedAt = &now
	}
	return r, nil
}

// storeRow saves a draft, or turns the visit's draft into the submitted row (inserting
// it when there is no draft, or a racing submission took the draft first).
func (s *Service) storeRow(ctx context.Context, tx db.Tx, row responseRow) error {
	if row.Status == StatusDraft {
		return upsertDraft(ctx, tx, row)
	}
	draft, ok, err := selectDraft(ctx, tx, *row.AppointmentID)
	if err != nil {
		return err
	}
	if ok {
		submitted := row
		submitted.ID = draft.ID
		if err := updateDraft(ctx, tx, submitted); !errors.Is(err, db.ErrNotFound) {
			return err
		}
	}
	return insertResponse(ctx, tx, row)
}

// cardPatch is what a submission changes on the card.
func cardPatch(a Answers, alerts []Alert) clinic.PatientPatch {
	str := func(id string) *string {
		v, _ := a[id].(string)
		return &v
	}
	l := lines(alerts)
	return clinic.PatientPatch{FirstName: str("first_name"), LastName: str("last_name"), BirthDate: str("birth_date"),
		Sex: str("sex"), Phone: str("phone"), Email: str("email"), Address: str("address"),
		IDDocument: str("id_document"), MedicalAlerts: &l}
}

// cardProblems turns the card's refusal into problems of the matching questions.
func cardProblems(fe *fault.Error) []Problem {
	codes := map[string]string{"phone": "phone", "email": "email", "birth_date": "birth_date"}
	out := make([]Problem, 0, len(fe.Fields))
	for _, f := range fe.Fields {
		code := codes[f.Field]
		if code == "" || f.Code == "required" || f.Code == "required_if" {
			code = "required"
		}
		out = append(out, Problem{LinkID: f.Field, Code: code})
	}
	return out
}
