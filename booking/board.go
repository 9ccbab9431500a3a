package booking

import (
	"context"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// selectDeskDay reads a day's visits with only the columns a desk's board shows: a
// busy day is 200 rows, and each timestamp column costs a parse per row.
const selectDeskDay = `SELECT id, branch_id, patient_id, service_id, doctor_id, chair_id, starts_at, ends_at,
	status, arrived_at, sequence FROM appointments
	WHERE branch_id = ? AND starts_at >= ? AND starts_at < ?
	AND status NOT IN ('held', 'released', 'rescheduled')
	ORDER BY starts_at, id`

// DeskDay returns a branch's visits of one local date as the front desk's day shows
// them (holds, released holds and replaced visits left out), in start order. Only
// who, when, where and the status and arrival are filled.
func (s *Service) DeskDay(ctx context.Context, branchID, date string) ([]visit.Visit, error) {
	branch, err := s.dir.Branch(ctx, branchID)
	if err != nil {
		return nil, err
	}
	if !actor.From(ctx).CanSeeBranch(branch.ID) {
		return nil, clinic.ErrBranchForbidden
	}
	from, to, err := LocalDay(date, branch.TimeZone)
	if err != nil {
		return nil, err
	}
	out := []visit.Visit{}
	return out, db.Select(ctx, s.db.R, &out, selectDeskDay, branch.ID, from, to)
}
