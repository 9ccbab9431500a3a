package clinic

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

const selectDeskCardsSQL = `SELECT ` + patientColumns + ` FROM patients WHERE id IN (?)`

// DeskCards reads the cards of a day's patients at once, as the front desk's day list
// shows them (name, age, phone, alerts), keyed by id. Cards the actor may not see are
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
	var rows []patientRow
	if err := db.Select(ctx, s.db.R, &rows, query, args...); err != nil {
		return nil, err
	}
	a := actor.From(ctx)
	for _, r := range rows {
		if p := r.stored().Patient; canSeePatient(a, p) {
			out[p.ID] = p
		}
	}
	return out, nil
}
