package reviews

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
	"github.com/frontdeskhq/frontdesk/visit"
)

// The message templates of the calls: the task's line in the branch's language and the
// script the caller reads in the patient's.
const (
	TemplateTask   = "follow_up_task"
	TemplateScript = "follow_up_script"
)

// OnEvent plans the follow-up call of a completed visit, once per visit however often
// the event comes: the follow-up and its task are written together, and a visit that
// has one gets no other. A visit no longer completed, a service without a plan and a
// patient who asked not to be called get none.
func (s *Service) OnEvent(ctx context.Context, e visit.Event) error {
	if e.Kind != visit.EventCompleted {
		return nil
	}
	v, err := s.deps.Visits.Get(ctx, e.VisitID)
	if err != nil || v.Status != visit.Completed || v.PatientID == nil {
		return err
	}
	p, err := s.deps.Dir.Procedure(ctx, v.ServiceID)
	if err != nil {
		return err
	}
	days, planned, err := s.planDays(ctx, s.deps.DB.R, p)
	if err != nil || !planned {
		return err
	}
	return s.planVisit(ctx, v, p, days)
}

// planVisit writes the follow-up of v and its task, due days after the visit ended.
func (s *Service) planVisit(ctx context.Context, v visit.Visit, p clinic.Procedure, days int) error {
	c, err := s.calling(ctx, v.BranchID)
	if err != nil {
		return err
	}
	done := v.End
	if v.CompletedAt != nil {
		done = *v.CompletedAt
	}
	due := c.firstCall(done, s.clock(), days)
	doctor, err := s.deps.Dir.Doctor(ctx, v.DoctorID)
	if err != nil {
		return err
	}
	return s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		if dup, err := s.store.hasVisit(ctx, tx, v.ID); err != nil || dup {
			return err
		}
		out, err := s.deps.OptOuts.OptedOut(ctx, tx, *v.PatientID, "call")
		if err != nil || out {
			return err
		}
		f := FollowUp{ID: uuid.NewString(), BranchID: v.BranchID, PatientID: *v.PatientID, AppointmentID: &v.ID,
			DoctorID: &v.DoctorID, ServiceID: &v.ServiceID, VisitStart: &v.Start, FirstDueAt: due, DueAt: due}
		lines := callLines{branch: c.branch, service: p, doctor: doctor.DisplayName}
		return s.open(ctx, tx, c, f, lines)
	})
}

// callLines is what a call's task and script say: the visit, its doctor, the branch.
type callLines struct {
	branch  clinic.Branch
	service clinic.Procedure
	doctor  string
	// campaign names a campaign's call; "" for a visit's.
	campaign string
}

// open writes f with its task in the branch's queue (or for the person the policy names).
func (s *Service) open(ctx context.Context, tx db.Tx, c calling, f FollowUp, lines callLines) error {
	patient, err := s.deps.Dir.PatientTx(ctx, tx, f.PatientID)
	if err != nil {
		return err
	}
	f.Locale = localeOf(patient, c.branch)
	f.CreatedAt = s.clock()
	text, err := s.taskText(lines, patient, f)
	if err != nil {
		return err
	}
	f.TaskID, err = s.deps.Tasks.Open(ctx, tx, tasks.New{Kind: tasks.FollowUpCall, BranchID: &f.BranchID,
		PatientID: &f.PatientID, AppointmentID: f.AppointmentID, Text: text, At: f.CreatedAt, DueAt: f.DueAt,
		Queue: c.policy.Queue, AssigneeID: c.policy.AssigneeID})
	if err != nil {
		return err
	}
	return s.store.insert(ctx, tx, f)
}

// taskText is the task's line, in the branch's language (the desk's).
func (s *Service) taskText(l callLines, p clinic.Patient, f FollowUp) (string, error) {
	loc := l.branch.Locale
	data := map[string]any{"Patient": p.FirstName + " " + p.LastName, "Service": l.service.Name(loc),
		"Doctor": l.doctor, "Campaign": l.campaign, "Start": time.Time{}}
	if f.VisitStart != nil {
		data["Start"] = f.VisitStart.In(zone(l.branch.TimeZone))
	}
	return s.deps.Scripts.Render(loc, TemplateTask, data)
}

// calling reads a branch's calling hours and its closed days from today on.
func (s *Service) calling(ctx context.Context, branchID string) (calling, error) {
	b, err := s.deps.Dir.Branch(ctx, branchID)
	if err != nil {
		return calling{}, err
	}
	policy, err := s.settings(ctx, s.deps.DB.R, branchID)
	if err != nil {
		return calling{}, err
	}
	from := s.clock().In(zone(b.TimeZone)).AddDate(0, 0, -1).Format(time.DateOnly)
	closed := map[string]bool{}
	if s.deps.Closures != nil {
		if closed, err = s.deps.Closures.ClosedDays(ctx, branchID, from); err != nil {
			return calling{}, err
		}
	}
	return calling{branch: b, policy: policy, closed: closed}, nil
}

// localeOf is the language the patient is spoken to in: theirs, else the branch's.
func localeOf(p clinic.Patient, b clinic.Branch) string {
	if p.Locale != "" {
		return p.Locale
	}
	return b.Locale
}
