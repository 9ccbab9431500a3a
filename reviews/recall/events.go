package recall

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// OnEvent hears of completed visits: the patient's recall for the visit's service is
// set (its interval after the visit's local date), and the stage of a treatment plan
// the visit did is done, making the next one due. Acting twice on one event changes
// nothing: the recall moves only for a later visit, and a stage is done by one visit.
func (s *Service) OnEvent(ctx context.Context, e visit.Event) error {
	if e.Kind != visit.EventCompleted || s.deps.Visits == nil {
		return nil
	}
	v, err := s.deps.Visits.Get(ctx, e.VisitID)
	if errors.Is(err, visit.ErrNotFound) || err == nil && v.Patient() == "" {
		return nil
	}
	if err != nil {
		return err
	}
	rule, day, err := s.readCompletion(ctx, v)
	if err != nil {
		return err
	}
	return s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		if err := s.setRecall(ctx, tx, v, rule, day); err != nil {
			return err
		}
		return s.advancePlan(ctx, tx, v, day)
	})
}

// readCompletion reads, before the transaction, the visit service's rule and the
// visit's date in its branch's zone.
func (s *Service) readCompletion(ctx context.Context, v visit.Visit) (Rule, time.Time, error) {
	_, loc, err := s.branchZone(ctx, v.BranchID)
	if err != nil {
		return Rule{}, time.Time{}, err
	}
	p, err := s.deps.Dir.Procedure(ctx, v.ServiceID)
	if err != nil {
		return Rule{}, time.Time{}, err
	}
	rule, err := s.ruleFor(ctx, s.deps.DB.R, p)
	return rule, localDate(v.Start, loc), err
}

// setRecall writes the recall a completed visit's service calls for, if any.
func (s *Service) setRecall(ctx context.Context, tx db.Tx, v visit.Visit, rule Rule, day time.Time) error {
	if rule.Months == 0 {
		return nil
	}
	r := Recall{PatientID: v.Patient(), ServiceID: v.ServiceID, BranchID: v.BranchID, FromVisitID: v.ID,
		LastVisitAt: v.Start, DueOn: addMonths(day, rule.Months).Format(time.DateOnly)}
	return s.store.upsertRecall(ctx, tx, r, s.now())
}

// advancePlan marks the patient's open stage of the visit's service done and makes
// the plan's next stage due its after_days after the visit's date.
func (s *Service) advancePlan(ctx context.Context, tx db.Tx, v visit.Visit, day time.Time) error {
	if done, err := s.store.doneBy(ctx, tx, v.ID); err != nil || done {
		return err
	}
	st, err := s.store.openStage(ctx, tx, v.Patient(), v.ServiceID)
	if errors.Is(err, db.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	plan, err := s.store.plan(ctx, tx, st.PlanID)
	if err != nil {
		return err
	}
	next := ""
	if st.Position+1 < len(plan.Stages) {
		next = day.AddDate(0, 0, plan.Stages[st.Position+1].AfterDays).Format(time.DateOnly)
	}
	return s.store.finishStage(ctx, tx, st, v.ID, s.now(), next)
}
