package maintenance

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// What the sweep does for a job on a given local date.
type action int

const (
	nothing  action = iota
	open            // due and without an open task: open one
	escalate        // overdue past its grace period for the first time: to the manager
)

// decide is the sweep's whole rule. An escalated job whose task the desk closed
// without recording the job done gets a new task, for the manager again.
func decide(j Job, today string) action {
	if !j.Active || j.NextDueOn == nil || *j.NextDueOn > today {
		return nothing
	}
	if !j.Escalated && daysLate(*j.NextDueOn, today) > j.GraceDays {
		return escalate
	}
	if !j.TaskOpen {
		return open
	}
	return nothing
}

// Sweep opens a maintenance task for every job due by its branch's date and escalates
// the ones overdue past their grace period. It is idempotent: each job's decision is
// taken again under the job's row lock, so sweeps run twice, or at once on two
// instances, open each task once. A job that fails is left for the next sweep; the
// others go on.
func (s *Service) Sweep(ctx context.Context) error {
	ctx = actor.With(ctx, actor.Actor{Kind: actor.System})
	now := s.inv.Now()
	// No zone is more than 14 hours ahead of UTC: nothing later is due anywhere yet.
	jobs, err := s.store.sweep(ctx, now.Add(14*time.Hour).Format(time.DateOnly))
	if err != nil {
		return err
	}
	var errs []error
	for _, j := range jobs {
		if err := s.sweepOne(ctx, j, now); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (s *Service) sweepOne(ctx context.Context, j Job, now time.Time) error {
	b, err := s.inv.Branch(ctx, j.BranchID)
	if err != nil {
		return err
	}
	loc, err := s.zoneOf(b)
	if err != nil {
		return err
	}
	today := localDate(now, loc)
	if decide(j, today) == nothing {
		return nil
	}
	return s.store.db.InTx(ctx, func(tx db.Tx) error {
		j, err := s.locked(ctx, tx, j.ID)
		if errors.Is(err, ErrInactive) {
			return nil
		}
		if err != nil {
			return err
		}
		switch decide(j, today) {
		case open:
			return s.openTask(ctx, tx, j, b, loc, false)
		case escalate:
			return s.openTask(ctx, tx, j, b, loc, true)
		}
		return nil
	})
}

// openTask opens the job's task: for its assignee (else the branch's queue), or once
// escalated for the branch's manager, closing the task it replaces.
func (s *Service) openTask(ctx context.Context, tx db.Tx, j Job, b clinic.Branch, loc *time.Location, escalating bool) error {
	t := textIn(b.Locale)
	n := tasks.New{Kind: tasks.Maintenance, BranchID: &j.BranchID, Text: t.due(j.Title, *j.NextDueOn),
		AssigneeID: j.AssigneeID, DueAt: startOf(*j.NextDueOn, loc)}
	if escalating {
		if err := s.dropTask(ctx, tx, &j, closedEscalated); err != nil {
			return err
		}
		j.Escalated = true
	}
	if j.Escalated {
		manager, err := s.manager(ctx, j.BranchID)
		if err != nil {
			return err
		}
		today := localDate(s.inv.Now(), loc)
		n.AssigneeID, n.DueAt = manager, time.Time{}
		n.Text = t.overdue(j.Title, *j.NextDueOn, daysLate(*j.NextDueOn, today))
	}
	id, err := s.inv.Tasks().Open(ctx, tx, n)
	if err != nil {
		return err
	}
	j.TaskID = &id
	return s.store.update(ctx, tx, j)
}

// manager is who an overdue job escalates to: an active owner working at the branch,
// else an owner of the whole network, the same one every time (by e-mail). With no
// owner at all the task stays in the branch's queue.
func (s *Service) manager(ctx context.Context, branchID string) (*string, error) {
	owners, err := s.staff.List(ctx, "", actor.Owner, 200)
	if err != nil {
		return nil, err
	}
	owners = slices.DeleteFunc(owners, func(o staff.Staff) bool { return !o.Active })
	slices.SortStableFunc(owners, func(a, b staff.Staff) int {
		return boundRank(a, branchID) - boundRank(b, branchID)
	})
	for _, o := range owners {
		if boundRank(o, branchID) < 2 {
			return &o.ID, nil
		}
	}
	return nil, nil
}

// boundRank orders owners for a branch: working there (0), over every branch (1),
// bound to other branches only (2, never picked).
func boundRank(o staff.Staff, branchID string) int {
	switch {
	case slices.Contains(o.BranchIDs, branchID):
		return 0
	case len(o.BranchIDs) == 0:
		return 1
	}
	return 2
}
