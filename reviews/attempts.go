package reviews

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// MaxNote bounds an attempt's note.
const MaxNote = 2000

// Try is one call as the caller reports it; Survey holds the answers when the patient
// was reached and gave them.
type Try struct {
	Outcome string
	Note    string
	Survey  *Answers
}

func (t Try) check() error {
	var bad []fault.FieldError
	if !slices.Contains(Outcomes, t.Outcome) {
		bad = append(bad, fault.FieldError{Field: "outcome", Code: "oneof",
			Message: "must be one of: " + strings.Join(Outcomes, " ")})
	}
	if len([]rune(t.Note)) > MaxNote {
		bad = append(bad, fault.FieldError{Field: "note", Code: "max", Message: "must be at most 2000 characters"})
	}
	if t.Survey != nil && t.Outcome != OutcomeReached {
		bad = append(bad, fault.FieldError{Field: "survey", Code: "reached_only",
			Message: "survey answers come only with the outcome reached"})
	}
	if len(bad) > 0 {
		return fault.Fields(bad...)
	}
	if t.Survey != nil {
		return t.Survey.Check("survey.")
	}
	return nil
}

// Log records a call at a follow-up by the signed-in staff member and decides what
// comes next: done when the patient was reached, declined or the number is wrong;
// otherwise the next try in calling hours, or after the last one the survey link.
// Held by the task's claim: someone else's live claim answers ErrClaimed.
func (s *Service) Log(ctx context.Context, id string, t Try) (FollowUp, Attempt, error) {
	if err := t.check(); err != nil {
		return FollowUp{}, Attempt{}, err
	}
	by := actor.From(ctx).StaffID
	if by == "" {
		return FollowUp{}, Attempt{}, tasks.ErrNoStaff
	}
	if _, err := s.Get(ctx, id); err != nil {
		return FollowUp{}, Attempt{}, err
	}
	var f FollowUp
	var a Attempt
	err := s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		var err error
		f, a, err = s.logIn(ctx, tx, id, by, t)
		return err
	})
	return f, a, err
}

func (s *Service) logIn(ctx context.Context, tx db.Tx, id, by string, t Try) (FollowUp, Attempt, error) {
	f, err := s.store.lock(ctx, tx, id)
	if err != nil {
		return FollowUp{}, Attempt{}, err
	}
	if f.Status != Open {
		return FollowUp{}, Attempt{}, ErrClosed
	}
	if _, err := s.deps.Tasks.HoldIn(ctx, tx, f.TaskID, by); err != nil {
		return FollowUp{}, Attempt{}, closedTask(err)
	}
	a := Attempt{FollowUpID: f.ID, Number: f.Attempts + 1, StaffID: by, DueAt: f.DueAt, At: s.clock(),
		Outcome: t.Outcome, Note: strings.TrimSpace(t.Note)}
	if err := s.store.attempt(ctx, tx, a); err != nil {
		return FollowUp{}, Attempt{}, err
	}
	f.Attempts = a.Number
	if err := s.settle(ctx, tx, &f, a, t.Survey); err != nil {
		return FollowUp{}, Attempt{}, err
	}
	return f, a, s.store.update(ctx, tx, f)
}

// closedTask answers a task the desk closed by hand as a finished follow-up.
func closedTask(err error) error {
	if errors.Is(err, tasks.ErrNotFound) {
		return ErrClosed
	}
	return err
}

// settle moves f on after attempt a: closed with its task, or due again.
func (s *Service) settle(ctx context.Context, tx db.Tx, f *FollowUp, a Attempt, answers *Answers) error {
	switch a.Outcome {
	case OutcomeReached:
		if answers != nil && s.deps.Surveys != nil {
			if err := s.deps.Surveys.RecordCall(ctx, tx, *f, a.StaffID, *answers); err != nil {
				return err
			}
		}
		return s.close(ctx, tx, f, Reached, a)
	case OutcomeDeclined:
		return s.close(ctx, tx, f, Declined, a)
	case OutcomeWrongNumber:
		return s.close(ctx, tx, f, WrongNumber, a)
	}
	return s.retryOrGiveUp(ctx, tx, f, a)
}

// retryOrGiveUp schedules the next try, or after the last one sends a visit's patient
// the survey link instead.
func (s *Service) retryOrGiveUp(ctx context.Context, tx db.Tx, f *FollowUp, a Attempt) error {
	c, err := s.calling(ctx, f.BranchID)
	if err != nil {
		return err
	}
	if a.Number < c.policy.MaxAttempts {
		f.DueAt = c.retry(a.At, a.Number)
		return s.deps.Tasks.PostponeIn(ctx, tx, f.TaskID, f.DueAt)
	}
	if f.AppointmentID == nil || s.deps.Surveys == nil {
		return s.close(ctx, tx, f, Unreached, a)
	}
	sent, err := s.deps.Surveys.SendLink(ctx, tx, *f)
	if err != nil {
		return err
	}
	if !sent {
		return s.close(ctx, tx, f, Unreached, a)
	}
	return s.close(ctx, tx, f, LinkSent, a)
}

func (s *Service) close(ctx context.Context, tx db.Tx, f *FollowUp, status string, a Attempt) error {
	f.Status, f.ClosedAt = status, &a.At
	note := a.Outcome
	if a.Note != "" {
		note += ": " + a.Note
	}
	return s.deps.Tasks.DoneIn(ctx, tx, f.TaskID, a.StaffID, note)
}

// Claim keeps a follow-up's call for the signed-in staff member for the task queue's
// claim time: the others' lists leave it out, so two people never call one patient.
func (s *Service) Claim(ctx context.Context, id string) (FollowUp, error) {
	return s.onTask(ctx, id, s.deps.Tasks.Claim)
}

// Release gives the caller's claim up.
func (s *Service) Release(ctx context.Context, id string) (FollowUp, error) {
	return s.onTask(ctx, id, s.deps.Tasks.Release)
}

func (s *Service) onTask(ctx context.Context, id string, do func(context.Context, string) (tasks.Task, error)) (FollowUp, error) {
	f, err := s.Get(ctx, id)
	if err != nil {
		return FollowUp{}, err
	}
	if f.Status != Open {
		return FollowUp{}, ErrClosed
	}
	if _, err := do(ctx, f.TaskID); err != nil {
		return FollowUp{}, closedTask(err)
	}
	return f, nil
}

// RecordCallOptOut writes a patient's word about being called to the consent ledger;
// opting out also ends the patient's open follow-up calls.
func (s *Service) RecordCallOptOut(ctx context.Context, patientID string, out bool) error {
	return s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		p, err := s.deps.Dir.PatientTx(ctx, tx, patientID)
		if err != nil {
			return err
		}
		if p.HomeBranchID != "" && !actor.From(ctx).CanSeeBranch(p.HomeBranchID) {
			return fault.Field("patient_id", "not_found", "no patient you may see has this id")
		}
		if err := s.deps.OptOuts.RecordOptOut(ctx, tx, p.ID, p.Phone, "call", out, "staff"); err != nil {
			return err
		}
		if !out {
			return nil
		}
		return s.cancelOpen(ctx, tx, p.ID)
	})
}

// cancelOpen closes a patient's open follow-ups and their tasks: they asked not to be called.
func (s *Service) cancelOpen(ctx context.Context, tx db.Tx, patientID string) error {
	open, err := s.store.openFor(ctx, tx, patientID)
	if err != nil {
		return err
	}
	now := s.clock()
	for _, f := range open {
		f.Status, f.ClosedAt = Cancelled, &now
		if err := s.store.update(ctx, tx, f); err != nil {
			return err
		}
		if err := s.deps.Tasks.CloseIn(ctx, tx, f.TaskID, "patient asked not to be called"); err != nil {
			return err
		}
	}
	return nil
}
