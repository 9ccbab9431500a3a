package clinic

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// selectDeskCardsSQL reads only what a desk's list shows of a card (names, birth
// date, phone, language, alerts, home branch), not the notes and consents.
const selectDeskCardsSQL = `SELECT id, first_name, last_name, middle_name, birth_date, phone, locale,
	medical_alerts, home_branch_id, updated_at FROM patients WHERE id IN (?)`

// deskCardRow is the part of a card selectDeskCardsSQL reads.
type deskCardRow struct {
	ID            string             `db:"id"`
	FirstName     string             `db:"first_name"`
	LastName      string             `db:"last_name"`
	MiddleName    string             `db:"middle_name"`
	BirthDate     *string            `db:"birth_date"`
	Phone         string             `db:"phone"`
	Locale        string             `db:"locale"`
	MedicalAlerts jsonText[[]string] `db:"medical_alerts"`
	HomeBranchID  *string            `db:"home_branch_id"`
	UpdatedAt     time.Time          `db:"updated_at"`
}

func (r deskCardRow) patient() Patient {
	return Patient{ID: r.ID, FirstName: r.FirstName, LastName: r.LastName, MiddleName: r.MiddleName,
		BirthDate: deref(r.BirthDate), Phone: r.Phone, Locale: r.Locale, MedicalAlerts: orEmpty(r.MedicalAlerts.V),
		HomeBranchID: deref(r.HomeBranchID), UpdatedAt: r.UpdatedAt.UTC()}
}

// DeskCards reads the cards of a day's patients at once, as the front desk's day list
// shows them (names, birth date, phone, language, alerts; the rest left empty), keyed
// by id. Cards the actor may not see are
// left out. It writes no audit row per card: a desk redraws its day every few
// seconds, so the console records one read of the day list instead.
func (s *Service) DeskCards(ctx context.Context, ids []string) (map[string]Patient, error) {
	out := make(map[string]Patient, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	query, args, err := sqlx.In(selectDeskCardsSQL, ids)
	if err != nil {
		return nil, err
	}
	var rows []deskCardRow
	if err := db.Select(ctx, s.db.R, &rows, query, args...); err != nil {
		return nil, err
	}
	a := actor.From(ctx)
	for _, r := range rows {
		if p := r.patient(); canSeePatient(a, p) {
			out[p.ID] = p
		}
	}
	return out, nil
}
