package clinic

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

type patientRow struct {
	ID               string                       `db:"id"`
	FirstName        string                       `db:"first_name"`
	LastName         string                       `db:"last_name"`
	MiddleName       string                       `db:"middle_name"`
	BirthDate        *string                      `db:"birth_date"`
	Sex              string                       `db:"sex"`
	Phone            string                       `db:"phone"`
	Email            string                       `db:"email"`
	Locale           string                       `db:"locale"`
	PreferredChannel string                       `db:"preferred_channel"`
	Consents         jsonText[map[string]Consent] `db:"consents"`
	Notes            string                       `db:"notes"`
	MedicalAlerts    jsonText[[]string]           `db:"medical_alerts"`
	HomeBranchID     *string                      `db:"home_branch_id"`
	MergedInto       *string                      `db:"merged_into"`
	Address          string                       `db:"address"`
	IDDocument       string                       `db:"id_document"`
	CreatedAt        time.Time                    `db:"created_at"`
	UpdatedAt        time.Time                    `db:"updated_at"`
}

// storedPatient is a card with the one column that is not part of it: the survivor a
// merged card was folded into.
type storedPatient struct {
	Patient
	MergedInto string
}

func (r patientRow) stored() storedPatient {
	consents := r.Consents.V
	if consents == nil {
		consents = map[string]Consent{}
	}
	return storedPatient{Patient: Patient{ID: r.ID, FirstName: r.FirstName, LastName: r.LastName,
		MiddleName: r.MiddleName, BirthDate: deref(r.BirthDate), Sex: r.Sex, Phone: r.Phone, Email: r.Email,
		Locale: r.Locale, PreferredChannel: r.PreferredChannel, Consents: consents, Notes: r.Notes,
		MedicalAlerts: orEmpty(r.MedicalAlerts.V), HomeBranchID: deref(r.HomeBranchID),
		Address: r.Address, IDDocument: r.IDDocument,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}, MergedInto: deref(r.MergedInto)}
}

func patients(rows []patientRow) []Patient {
	out := make([]Patient, len(rows))
	for i, r := range rows {
		out[i] = r.stored().Patient
	}
	return out
}

const patientColumns = `id, first_name, last_name, middle_name, birth_date, sex, phone, email, locale,
	preferred_channel, consents, notes, medical_alerts, home_branch_id, merged_into, address, id_document, created_at, updated_at`

// insertPatientSQL adds a card unless a live card with the same dedupe key exists; the
// partial unique index decides, so racing requests cannot both insert.
const insertPatientSQL = `INSERT INTO patients (id, first_name, last_name, middle_name, birth_date, sex,
	phone, phone_reversed, email, locale, preferred_channel, consents, notes, medical_alerts,
	search_name, dedupe_key, home_branch_id, address, id_document, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO NOTHING`

// insertPatient reports whether the card was inserted (false: a live duplicate exists).
func insertPatient(ctx context.Context, q db.Q, p Patient) (bool, error) {
	res, err := q.ExecContext(ctx, q.Rebind(insertPatientSQL), p.ID, p.FirstName, p.LastName, p.MiddleName,
		nullIfEmpty(p.BirthDate), p.Sex, p.Phone, phoneReversed(p.Phone), p.Email, p.Locale, p.PreferredChannel,
		jsonText[map[string]Consent]{p.Consents}, p.Notes, jsonText[[]string]{p.MedicalAlerts},
		searchName(p), dedupeKey(p), nullIfEmpty(p.HomeBranchID), p.Address, p.IDDocument, p.CreatedAt, p.UpdatedAt)
	if err != nil {
		return false, db.Map(err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

const updatePatientSQL = `UPDATE patients SET first_name = ?, last_name = ?, middle_name = ?, birth_date = ?,
	sex = ?, phone = ?, phone_reversed = ?, email = ?, locale = ?, preferred_channel = ?, consents = ?,
	notes = ?, medical_alerts = ?, search_name = ?, dedupe_key = ?, home_branch_id = ?, address = ?, id_document = ?,
	updated_at = ? WHERE id = ?`

func updatePatient(ctx context.Context, q db.Q, p Patient) error {
	return db.ExecOne(ctx, q, updatePatientSQL, p.FirstName, p.LastName, p.MiddleName, nullIfEmpty(p.BirthDate),
		p.Sex, p.Phone, phoneReversed(p.Phone), p.Email, p.Locale, p.PreferredChannel,
		jsonText[map[string]Consent]{p.Consents}, p.Notes, jsonText[[]string]{p.MedicalAlerts},
		searchName(p), dedupeKey(p), nullIfEmpty(p.HomeBranchID), p.Address, p.IDDocument, p.UpdatedAt, p.ID)
}

const selectPatientSQL = `SELECT ` + patientColumns + ` FROM patients WHERE id = ?`

func selectPatient(ctx context.Context, q db.Q, id string) (storedPatient, error) {
	var r patientRow
	err := db.Get(ctx, q, &r, selectPatientSQL, id)
	return r.stored(), err
}

const selectPatientsSQL = `SELECT ` + patientColumns + ` FROM patients WHERE id IN (?)`

// selectPatients reads the cards of ids, in no order; an id with no card is missing
// from the answer.
func selectPatients(ctx context.Context, q db.Q, ids []string) ([]storedPatient, error) {
	rows, err := db.SelectInChunks[patientRow](ctx, q, selectPatientsSQL, ids)
	out := make([]storedPatient, len(rows))
	for i, r := range rows {
		out[i] = r.stored()
	}
	return out, err
}

const selectPatientByKeySQL = `SELECT ` + patientColumns + ` FROM patients
	WHERE dedupe_key = ? AND merged_into IS NULL`

// selectPatientByKey finds the live card a new one duplicates.
func selectPatientByKey(ctx context.Context, q db.Q, key string) (Patient, error) {
	var r patientRow
	err := db.Get(ctx, q, &r, selectPatientByKeySQL, key)
	return r.stored().Patient, err
}

const selectPatientByPhoneNameSQL = `SELECT ` + patientColumns + ` FROM patients
	WHERE phone = ? AND search_name = ? AND merged_into IS NULL AND (? OR birth_date IS NULL)
	ORDER BY created_at, id LIMIT 1`

// selectPatientByPhoneName finds the oldest live card with a phone and search name;
// with anyBirthDate false, only among cards without a birth date.
func selectPatientByPhoneName(ctx context.Context, q db.Q, phone, name string, anyBirthDate bool) (Patient, error) {
	var r patientRow
	err := db.Get(ctx, q, &r, selectPatientByPhoneNameSQL, phone, name, anyBirthDate)
	return r.stored().Patient, err
}

const lockPhonePostgresSQL = `SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`

// lockPhone serialises the creation of cards with one phone number until the
// transaction ends, so the duplicate look-up and the insert act as one step. SQLite
// needs nothing: its write transactions (BEGIN IMMEDIATE) already run one at a time.
// On Postgres the unique dedupe index alone would miss a race between a card with a
// birth date and one without, whose keys differ.
func lockPhone(ctx context.Context, q db.Q, dialect db.Dialect, phone string) error {
	if dialect != db.Postgres {
		return nil
	}
	return db.Exec(ctx, q, lockPhonePostgresSQL, "patient-phone:"+phone)
}

const selectMergedIntoSQL = `SELECT ` + patientColumns + ` FROM patients WHERE merged_into = ? ORDER BY id`

// selectMergedInto lists the cards folded into a survivor.
func selectMergedInto(ctx context.Context, q db.Q, survivorID string) ([]Patient, error) {
	var rows []patientRow
	err := db.Select(ctx, q, &rows, selectMergedIntoSQL, survivorID)
	return patients(rows), err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
