package questionnaire

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

const selectSubmittedSQL = `SELECT patient_id, submitted_at FROM questionnaire_responses
	WHERE patient_id IN (?) AND status = 'submitted' AND submitted_at IS NOT NULL`

// Submitted tells, for each of the patients who filled in a questionnaire, when they
// last sent one: the front desk's day shows it beside each visit, read at once.
func (s *Service) Submitted(ctx context.Context, patientIDs []string) (map[string]time.Time, error) {
	out := make(map[string]time.Time, len(patientIDs))
	if len(patientIDs) == 0 {
		return out, nil
	}
	query, args, err := sqlx.In(selectSubmittedSQL, patientIDs)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		PatientID   string    `db:"patient_id"`
		SubmittedAt time.Time `db:"submitted_at"`
	}
	if err := db.Select(ctx, s.db.R, &rows, query, args...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.SubmittedAt.After(out[r.PatientID]) {
			out[r.PatientID] = r.SubmittedAt.UTC()
		}
	}
	return out, nil
}
