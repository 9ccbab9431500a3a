package telephony

import (
	"context"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// Match is a patient a number belongs to: their own phone, or the phone of their
// guardian (Guardian is then true).
type Match struct {
	PatientID string  `db:"id" json:"patient_id"`
	FirstName string  `db:"first_name" json:"first_name"`
	LastName  string  `db:"last_name" json:"last_name"`
	BirthDate *string `db:"birth_date" json:"birth_date,omitempty"`
	Guardian  bool    `db:"guardian" json:"via_guardian"`
}

// Name is how the desk phone shows the patient.
func (m Match) Name() string { return strings.TrimSpace(m.FirstName + " " + m.LastName) }

// Age is the patient's age in whole years at now, or -1 when the birth date is unknown.
func (m Match) Age(now time.Time) int {
	if m.BirthDate == nil {
		return -1
	}
	b, err := time.Parse("2006-01-02", *m.BirthDate)
	if err != nil {
		return -1
	}
	age := now.Year() - b.Year()
	if now.Month() < b.Month() || (now.Month() == b.Month() && now.Day() < b.Day()) {
		age--
	}
	return age
}

// maxMatches bounds a lookup: a shared family or office number finds a handful of
// cards, never the directory.
const maxMatches = 20

// selectByPhone finds the live cards with this phone, and the cards of patients whose
// guardian has it; both walk an index (patients.phone, patient_guardians.guardian_id).
const selectByPhone = `SELECT id, first_name, last_name, birth_date, 0 AS guardian FROM patients
	WHERE phone = ? AND merged_into IS NULL
	UNION ALL
	SELECT p.id, p.first_name, p.last_name, p.birth_date, 1 AS guardian FROM patients g
	JOIN patient_guardians pg ON pg.guardian_id = g.id JOIN patients p ON p.id = pg.patient_id
	WHERE g.phone = ? AND g.merged_into IS NULL AND p.merged_into IS NULL
	LIMIT ?`

// Recognize finds the patients a number (as the phone system sent it) belongs to, read
// with country's numbering; none is a new caller.
func (s *Service) Recognize(ctx context.Context, number, country string) ([]Match, error) {
	n := Normalize(number, country)
	if !IsPhone(n) {
		return []Match{}, nil
	}
	return s.byPhone(ctx, s.store.db.R, n)
}

// byPhone finds the cards of a number already in E.164, on q (a transaction or the pool).
func (s *Service) byPhone(ctx context.Context, q db.Q, e164 string) ([]Match, error) {
	out := []Match{}
	return out, db.Select(ctx, q, &out, selectByPhone, e164, e164, maxMatches)
}

// joinNames lists the matches' names, as a shared number shows them.
func joinNames(ms []Match) string {
	names := make([]string, 0, len(ms))
	for _, m := range ms {
		names = append(names, m.Name())
	}
	return strings.Join(names, ", ")
}

// CallerName is what the desk phone should show for number: the patient's name, the
// names joined when the number is shared, "" for a new caller.
func (s *Service) CallerName(ctx context.Context, l Line, number string) (string, error) {
	ms, err := s.Recognize(ctx, number, l.Country)
	if err != nil || len(ms) == 0 {
		return "", err
	}
	return joinNames(ms), nil
}
