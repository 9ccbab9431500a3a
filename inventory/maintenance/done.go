package maintenance

import (
	"context"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// MarkDone records a job done for its due date, by the staff member acting, with a
// note, and closes its task in the same transaction. A recurring job moves on by its
// rhythm from the due date; a one-off is finished and leaves the active list.
func (s *Service) MarkDone(ctx context.Context, id, note string) (Job, Done, error) {
	var d Done
	err := s.store.db.InTx(ctx, func(tx db.Tx) error {
		j, err := s.locked(ctx, tx, id)
		if err != nil {
			return err
		}
		loc, err := s.zone(ctx, j.BranchID)
		if err != nil {
			return err
		}
		now := s.inv.Now()
		d = Done{ID: uuid.NewString(), JobID: j.ID, DueOn: *j.NextDueOn, DoneAt: now, StaffID: staffOf(ctx), Note: note}
		if err := s.store.insertDone(ctx, tx, d); err != nil {
			return err
		}
		if err := s.dropTask(ctx, tx, &j, closedDone); err != nil {
			return err
		}
		if j.EveryN == nil {
			j.Active, j.NextDueOn = false, nil
		} else {
			next := nextAfter(d.DueOn, *j.EveryN, *j.EveryUnit, localDate(now, loc), loc)
			j.NextDueOn = &next
		}
		return s.store.update(ctx, tx, j)
	})
	if err != nil {
		return Job{}, Done{}, err
	}
	j, err := s.Get(ctx, id)
	return j, d, err
}

func staffOf(ctx context.Context) *string {
	if id := actor.From(ctx).StaffID; id != "" {
		return &id
	}
	return nil
}
