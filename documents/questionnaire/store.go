package questionnaire

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// visit is what the questionnaire needs of an appointment: who, where and until when.
type visit struct {
	ID              string    `db:"id"`
	PatientID       *string   `db:"patient_id"`
	BranchID        string    `db:"branch_id"`
	Status          string    `db:"status"`
	Start           time.Time `db:"starts_at"`
	End             time.Time `db:"ends_at"`
	RescheduledTo   *string   `db:"rescheduled_to"`
	RescheduledFrom *string   `db:"rescheduled_from"`
	BranchName      string    `db:"branch_name"`
	BranchLocale    string    `db:"branch_locale"`
	BranchCountry   string    `db:"branch_country"`
	BranchZone      string    `db:"branch_zone"`
	ConsentAge      int       `db:"branch_consent_age"`
}

// consentAge is the branch's age of medical consent (its own, else its country's).
func (v visit) consentAge() int {
	return clinic.ConsentAgeOf(clinic.Branch{Country: v.BranchCountry, Legal: clinic.BranchLegal{ConsentAge: v.ConsentAge}})
}

func (v visit) zone() *time.Location {
	return clinic.Zone(v.BranchZone) // loaded once per name; UTC when unknown
}

const selectVisitSQL = `SELECT a.id, a.patient_id, a.branch_id, a.status, a.starts_at, a.ends_at,
	a.rescheduled_to, a.rescheduled_from, b.name AS branch_name, b.locale AS branch_locale, b.country AS branch_country,
	b.time_zone AS branch_zone, b.consent_age AS branch_consent_age
	FROM appointments a JOIN branches b ON b.id = a.branch_id WHERE a.id = ?`

// maxMoves bounds how far a link follows a visit through reschedules.
const maxMoves = 50

func selectVisit(ctx context.Context, q db.Q, id string) (visit, error) {
	var v visit
	err := db.Get(ctx, q, &v, selectVisitSQL, id)
	return v, err
}

// newestVisit follows rescheduled_to from id to the visit that replaced it last, so a
// link sent for a visit keeps working after the visit moves.
func newestVisit(ctx context.Context, q db.Q, id string) (visit, error) {
	v, err := selectVisit(ctx, q, id)
	for i := 0; err == nil && v.RescheduledTo != nil && i < maxMoves; i++ {
		v, err = selectVisit(ctx, q, *v.RescheduledTo)
	}
	return v, err
}

// link is a stored questionnaire link (patient_links, purpose questionnaire).
type link struct {
	TokenHash     string    `db:"token_hash"`
	AppointmentID *string   `db:"appointment_id"`
	PatientID     *string   `db:"patient_id"`
	ExpiresAt     time.Time `db:"expires_at"`
}

// ref is how audit rows name the link: a prefix of its hash, never the token.
func (l link) ref() string { return "link:" + l.TokenHash[:16] }

const insertLinkSQL = `INSERT INTO patient_links (token_hash, purpose, appointment_id, patient_id, expires_at, created_at)
	VALUES (?, 'questionnaire', ?, ?, ?, ?)`

func insertLink(ctx context.Context, q db.Q, l link, now time.Time) error {
	return db.Exec(ctx, q, insertLinkSQL, l.TokenHash, l.AppointmentID, l.PatientID, l.ExpiresAt, now)
}

// insertLinks is insertLinkSQL for many links in one statement.
var insertLinks = db.Rows{
	Head: `INSERT INTO patient_links (token_hash, purpose, appointment_id, patient_id, expires_at, created_at) VALUES `,
	Row:  `(?, 'questionnaire', ?, ?, ?, ?)`,
}

// linksChunk bounds the links of one statement (5 values a link).
const linksChunk = 200

func insertLinksAll(ctx context.Context, q db.Q, ls []link, now time.Time) error {
	return db.ExecRows(ctx, q, insertLinks, ls, linksChunk, func(l link) []any {
		return []any{l.TokenHash, l.AppointmentID, l.PatientID, l.ExpiresAt, now}
	})
}

const selectLinkSQL = `SELECT token_hash, appointment_id, patient_id, expires_at FROM patient_links
	WHERE token_hash = ? AND purpose = 'questionnaire' AND revoked_at IS NULL`

func selectLink(ctx context.Context, q db.Q, hash string) (link, error) {
	var l link
	err := db.Get(ctx, q, &l, selectLinkSQL, hash)
	return l, err
}

// responseRow is a stored response.
type responseRow struct {
	ID              string            `db:"id"`
	PatientID       string            `db:"patient_id"`
	AppointmentID   *string           `db:"appointment_id"`
	QuestionnaireID string            `db:"questionnaire_id"`
	Version         string            `db:"version"`
	Locale          string            `db:"locale"`
	Status          string            `db:"status"`
	Answers         jsonText[Answers] `db:"answers"`
	Alerts          jsonText[[]Alert] `db:"alerts"`
	SubmittedAt     *time.Time        `db:"submitted_at"`
	CreatedAt       time.Time         `db:"created_at"`
	UpdatedAt       time.Time         `db:"updated_at"`
}

func (r responseRow) response() Response {
	out := Response{ID: r.ID, QuestionnaireID: r.QuestionnaireID, Version: r.Version, PatientID: r.PatientID,
		Locale: r.Locale, Answers: r.Answers.V}
	if r.AppointmentID != nil {
		out.AppointmentID = *r.AppointmentID
	}
	if r.SubmittedAt != nil {
		out.SubmittedAt = r.SubmittedAt.UTC()
	}
	if out.Answers == nil {
		out.Answers = Answers{}
	}
	for k, v := range out.Answers {
		if list, ok := v.([]any); ok {
			out.Answers[k] = stringList(list)
		}
	}
	return out
}

// stringList turns a JSON array read back from storage into the []string it was.
func stringList(list []any) []string {
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

const responseColumns = `id, patient_id, appointment_id, questionnaire_id, version, locale, status, answers,
	alerts, submitted_at, created_at, updated_at`

const insertResponseSQL = `INSERT INTO questionnaire_responses (` + responseColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func insertResponse(ctx context.Context, q db.Q, r responseRow) error {
	return db.Exec(ctx, q, insertResponseSQL, r.ID, r.PatientID, r.AppointmentID, r.QuestionnaireID, r.Version,
		r.Locale, r.Status, r.Answers, r.Alerts, r.SubmittedAt, r.CreatedAt, r.UpdatedAt)
}

// upsertDraftSQL saves a visit's draft: racing saves of one visit meet in the partial
// unique index and the later one wins, instead of failing.
const upsertDraftSQL = `INSERT INTO questionnaire_responses (` + responseColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (appointment_id) WHERE status = 'draft' DO UPDATE SET questionnaire_id = excluded.questionnaire_id,
	version = excluded.version, locale = excluded.locale, answers = excluded.answers, updated_at = excluded.updated_at`

func upsertDraft(ctx context.Context, q db.Q, r responseRow) error {
	return db.Exec(ctx, q, upsertDraftSQL, r.ID, r.PatientID, r.AppointmentID, r.QuestionnaireID, r.Version,
		r.Locale, r.Status, r.Answers, r.Alerts, r.SubmittedAt, r.CreatedAt, r.UpdatedAt)
}

// updateDraftSQL rewrites a visit's draft; submitting turns it into the submitted row.
const updateDraftSQL = `UPDATE questionnaire_responses SET questionnaire_id = ?, version = ?, locale = ?,
	status = ?, answers = ?, alerts = ?, submitted_at = ?, updated_at = ?
	WHERE id = ? AND status = 'draft'`

func updateDraft(ctx context.Context, q db.Q, r responseRow) error {
	return db.ExecOne(ctx, q, updateDraftSQL, r.QuestionnaireID, r.Version, r.Locale, r.Status, r.Answers,
		r.Alerts, r.SubmittedAt, r.UpdatedAt, r.ID)
}

const selectDraftSQL = `SELECT ` + responseColumns + ` FROM questionnaire_responses
	WHERE appointment_id = ? AND status = 'draft'`

func selectDraft(ctx context.Context, q db.Q, appointmentID string) (responseRow, bool, error) {
	return one(ctx, q, selectDraftSQL, appointmentID)
}

// selectLatestSQL is the patient's newest submitted response.
const selectLatestSQL = `SELECT ` + responseColumns + ` FROM questionnaire_responses
	WHERE patient_id = ? AND status = 'submitted' ORDER BY submitted_at DESC, created_at DESC LIMIT 1`

func selectLatest(ctx context.Context, q db.Q, patientID string) (responseRow, bool, error) {
	return one(ctx, q, selectLatestSQL, patientID)
}

// selectLastTwoSQL are the patient's two newest submitted responses, newest first.
const selectLastTwoSQL = `SELECT ` + responseColumns + ` FROM questionnaire_responses
	WHERE patient_id = ? AND status = 'submitted' ORDER BY submitted_at DESC, created_at DESC LIMIT 2`

func selectLastTwo(ctx context.Context, q db.Q, patientID string) ([]responseRow, error) {
	var rows []responseRow
	err := db.Select(ctx, q, &rows, selectLastTwoSQL, patientID)
	return rows, err
}

func one(ctx context.Context, q db.Q, query string, args ...any) (responseRow, bool, error) {
	var r responseRow
	err := db.Get(ctx, q, &r, query, args...)
	if errors.Is(err, db.ErrNotFound) {
		return r, false, nil
	}
	return r, err == nil, err
}

// jsonText keeps a Go value as JSON in a TEXT column (the same on both databases).
type jsonText[T any] struct{ V T }

// Value implements driver.Valuer.
func (j jsonText[T]) Value() (driver.Value, error) {
	b, err := json.Marshal(j.V)
	return string(b), err
}

// Scan implements sql.Scanner.
func (j *jsonText[T]) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return json.Unmarshal([]byte(v), &j.V)
	case []byte:
		return json.Unmarshal(v, &j.V)
	case nil:
		return nil
	}
	return fmt.Errorf("questionnaire: cannot scan %T as JSON", src)
}
