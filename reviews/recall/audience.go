package recall

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// selectDuePatients lists the patients of a branch with a recall not dismissed due
// before a date, each once: a campaign's audience.
const selectDuePatients = `SELECT DISTINCT r.patient_id FROM recalls r JOIN patients p ON p.id = r.patient_id
	WHERE r.branch_id = ? AND r.status <> 'dismissed' AND p.merged_into IS NULL AND r.due_on < ?
	ORDER BY r.patient_id`

// RecallDue lists the patients of a branch due for recall before the local date of
// before, for a call campaign over the recall list. A patient who has booked since is
// left out, as the recall messages leave them out: calling them would be a nuisance.
func (s *Service) RecallDue(ctx context.Context, branchID string, before time.Time) ([]string, error) {
	due := []string{}
	if err := db.Select(ctx, s.store.db.R, &due, selectDuePatients, branchID, before.Format(time.DateOnly)); err != nil {
		return nil, err
	}
	booked, err := s.upcoming(ctx, due)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(due))
	for _, id := range due {
		if len(booked[id]) == 0 {
			out = append(out, id)
		}
	}
	return out, nil
}
