package recall

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// CreatePlan records a patient's treatment plan. Its first stage is due its
// after_days after today (the branch's date); each later one becomes due when the
// stage before it is done.
func (s *Service) CreatePlan(ctx context.Context, in PlanInput) (Plan, error) {
	if err := s.checkPlan(ctx, in); err != nil {
		return Plan{}, err
	}
	_, loc, err := s.branchZone(ctx, in.BranchID)
	if err != nil {
		return Plan{}, fault.Field("branch_id", "not_found", "no branch you may see has this id")
	}
	p := Plan{ID: newID(), PatientID: in.PatientID, BranchID: in.BranchID, Status: PlanActive, CreatedAt: s.now()}
	if id := actor.From(ctx).StaffID; id != "" {
		p.CreatedBy = &id
	}
	for i, st := range in.Stages {
		stage := Stage{PlanID: p.ID, Position: i, ServiceID: st.ServiceID, AfterDays: st.AfterDays}
		if i == 0 {
			due := localDate(p.CreatedAt, loc).AddDate(0, 0, st.AfterDays).Format(time.DateOnly)
			stage.DueOn = &due
		}
		p.Stages = append(p.Stages, stage)
	}
	err = s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		if err := s.store.insertPlan(ctx, tx, p); err != nil {
			return err
		}
		return s.audited(ctx, tx, audit.Entry{Action: audit.Create, Entity: "treatment_plan", EntityID: p.ID, PatientID: p.PatientID})
	})
	if err != nil {
		return Plan{}, err
	}
	return s.store.plan(ctx, s.deps.DB.R, p.ID)
}

// checkPlan refuses a plan without stages, with a stage out of bounds or naming an
// unknown service, or for a patient the caller may not see.
func (s *Service) checkPlan(ctx context.Context, in PlanInput) error {
	if len(in.Stages) == 0 || len(in.Stages) > MaxStages {
		return fault.Field("stages", "range", "must list 1 to 20 stages")
	}
	for i, st := range in.Stages {
		field := "stages[" + strconv.Itoa(i) + "]"
		if st.AfterDays < 0 || st.AfterDays > MaxAfterDays {
			return fault.Field(field+".after_days", "range", "must be an integer from 0 to 730")
		}
		if _, err := s.deps.Dir.Procedure(ctx, st.ServiceID); errors.Is(err, clinic.ErrServiceNotFound) {
			return fault.Field(field+".service_id", "not_found", "no service has this id")
		} else if err != nil {
			return err
		}
	}
	_, err := s.deps.Dir.Patient(ctx, in.PatientID)
	if fe, ok := fault.As(err); ok && fe.Kind == fault.NotFound {
		return ErrPatientNotFound
	}
	return err
}

// Plans lists a patient's treatment plans, oldest first, at the branches the caller
// may see.
func (s *Service) Plans(ctx context.Context, patientID string) ([]Plan, error) {
	// A patient who does not exist, was merged or is out of the caller's sight is the
	// directory's own 404.
	if _, err := s.deps.Dir.Patient(ctx, patientID); err != nil {
		return nil, err
	}
	all, err := s.store.patientPlans(ctx, patientID)
	if err != nil {
		return nil, err
	}
	out := make([]Plan, 0, len(all))
	for _, p := range all {
		if actor.From(ctx).CanSeeBranch(p.BranchID) {
			out = append(out, p)
		}
	}
	return out, nil
}
