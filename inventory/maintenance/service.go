package maintenance

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/staff"
)

// Staff reads the clinic's staff (*staff.Service): who a job is assigned to, and the
// owners a job overdue past its grace period escalates to.
type Staff interface {
	Get(ctx context.Context, id string) (staff.Staff, error)
	List(ctx context.Context, after string, role actor.Role, limit int) ([]staff.Staff, error)
}

// Service is maintenance's rules.
type Service struct {
	inv   *inventory.Service
	staff Staff
	store store
	zones sync.Map // IANA name → *time.Location
}

// NewService returns maintenance over the inventory inv and the staff directory.
func NewService(inv *inventory.Service, st Staff) *Service {
	return &Service{inv: inv, staff: st, store: store{db: inv.DB()}}
}

// Create adds a job to a branch.
func (s *Service) Create(ctx context.Context, in Input) (Job, error) {
	if err := s.check(ctx, in); err != nil {
		return Job{}, err
	}
	j := Job{ID: uuid.NewString(), BranchID: in.BranchID, CreatedAt: s.inv.Now(), Active: true}
	apply(&j, in)
	if err := s.store.insert(ctx, s.store.db.W, j); err != nil {
		return Job{}, err
	}
	return s.Get(ctx, j.ID)
}

func apply(j *Job, in Input) {
	due := in.NextDueOn
	j.ItemID, j.Title, j.EveryN, j.EveryUnit, j.NextDueOn = in.ItemID, in.Title, in.EveryN, in.EveryUnit, &due
	j.GraceDays, j.AssigneeID = in.GraceDays, in.AssigneeID
}

// Update replaces a job's description. A new due date or assignee closes the task
// opened for the old one; the sweep opens the next as it comes due.
func (s *Service) Update(ctx context.Context, id string, in Input) (Job, error) {
	err := s.store.db.InTx(ctx, func(tx db.Tx) error {
		j, err := s.locked(ctx, tx, id)
		if err != nil {
			return err
		}
		in.BranchID = j.BranchID
		if err := s.check(ctx, in); err != nil {
			return err
		}
		if !same(j.NextDueOn, &in.NextDueOn) || !same(j.AssigneeID, in.AssigneeID) {
			if err := s.dropTask(ctx, tx, &j, closedRescheduled); err != nil {
				return err
			}
		}
		apply(&j, in)
		return s.store.update(ctx, tx, j)
	})
	if err != nil {
		return Job{}, err
	}
	return s.Get(ctx, id)
}

// Deactivate retires a job and closes its open task; its history stays.
func (s *Service) Deactivate(ctx context.Context, id string) (Job, error) {
	err := s.store.db.InTx(ctx, func(tx db.Tx) error {
		j, err := s.locked(ctx, tx, id)
		if errors.Is(err, ErrInactive) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := s.dropTask(ctx, tx, &j, closedDeactivated); err != nil {
			return err
		}
		j.Active = false
		return s.store.update(ctx, tx, j)
	})
	if err != nil {
		return Job{}, err
	}
	return s.Get(ctx, id)
}

// dropTask closes the job's task, if open, and forgets it and its escalation.
func (s *Service) dropTask(ctx context.Context, tx db.Tx, j *Job, how string) error {
	if j.TaskID != nil {
		if err := s.inv.Tasks().CloseIn(ctx, tx, *j.TaskID, how); err != nil {
			return err
		}
	}
	j.TaskID, j.TaskOpen, j.Escalated = nil, false, false
	return nil
}

// Get reads a job the caller may see.
func (s *Service) Get(ctx context.Context, id string) (j Job, err error) {
	if j, err = s.visible(ctx, s.store.db.R, id); err != nil {
		return Job{}, err
	}
	j.Today, err = s.today(ctx, j.BranchID)
	return j, err
}

// History lists when a job was done, newest first.
func (s *Service) History(ctx context.Context, id string, limit int) ([]Done, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return nil, err
	}
	return s.store.history(ctx, id, limit)
}

// locked reads a job the caller may see and locks it for tx; an inactive job is ErrInactive.
func (s *Service) locked(ctx context.Context, tx db.Tx, id string) (Job, error) {
	if _, err := s.visible(ctx, tx, id); err != nil {
		return Job{}, err
	}
	if err := s.store.lock(ctx, tx, id); errors.Is(err, db.ErrNotFound) {
		return Job{}, ErrInactive
	} else if err != nil {
		return Job{}, err
	}
	return s.visible(ctx, tx, id)
}

// visible reads a job the caller may see: another branch's is not found.
func (s *Service) visible(ctx context.Context, q db.Q, id string) (Job, error) {
	j, err := s.store.job(ctx, q, id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !actor.From(ctx).CanSeeBranch(j.BranchID)) {
		return Job{}, ErrNotFound
	}
	return j, err
}

// List returns the jobs of the branches the caller sees (or of one), in a state as of
// each branch's own date.
func (s *Service) List(ctx context.Context, f Filter) ([]Job, error) {
	if f.BranchID != "" && !actor.From(ctx).CanSeeBranch(f.BranchID) {
		return nil, errBranch
	}
	all, err := s.store.jobs(ctx, f.BranchID, f.State == Inactive)
	if err != nil {
		return nil, err
	}
	out, today := []Job{}, map[string]string{}
	for _, j := range all {
		if !actor.From(ctx).CanSeeBranch(j.BranchID) {
			continue
		}
		if _, ok := today[j.BranchID]; !ok {
			if today[j.BranchID], err = s.today(ctx, j.BranchID); err != nil {
				return nil, err
			}
		}
		if j.Today = today[j.BranchID]; wanted(f.State, j.State(j.Today)) {
			out = append(out, j)
		}
	}
	return out, nil
}

func wanted(filter, state string) bool {
	switch filter {
	case Due:
		return state == Due || state == Overdue
	case "", "all":
		return state != Inactive
	}
	return filter == state
}

// today is the date now in a branch's calendar.
func (s *Service) today(ctx context.Context, branchID string) (string, error) {
	loc, err := s.zone(ctx, branchID)
	if err != nil {
		return "", err
	}
	return localDate(s.inv.Now(), loc), nil
}

// zone is a branch's time zone.
func (s *Service) zone(ctx context.Context, branchID string) (*time.Location, error) {
	b, err := s.inv.Branch(actor.With(ctx, actor.Actor{Kind: actor.System}), branchID)
	if err != nil {
		return nil, err
	}
	return s.zoneOf(b)
}

// zoneOf loads a branch's zone once per IANA name (names never change meaning, so
// nothing needs invalidating).
func (s *Service) zoneOf(b clinic.Branch) (*time.Location, error) {
	if loc, ok := s.zones.Load(b.TimeZone); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(b.TimeZone)
	if err != nil {
		return nil, err
	}
	s.zones.Store(b.TimeZone, loc)
	return loc, nil
}

// check holds a job's rules beyond its fields' shapes: a branch the caller sees, an
// item that exists, an assignee who works there, a recurrence given whole.
func (s *Service) check(ctx context.Context, in Input) error {
	if _, err := s.inv.Branch(ctx, in.BranchID); err != nil {
		return errBranch
	}
	if (in.EveryN == nil) != (in.EveryUnit == nil) {
		return fault.Field("every_unit", "required_with", "every_n and every_unit go together; leave both out for a one-off")
	}
	if in.ItemID != nil {
		if _, err := s.inv.Item(ctx, s.store.db.R, *in.ItemID); err != nil {
			return fault.Field("item_id", "not_found", "no item has this id")
		}
	}
	if in.AssigneeID != nil {
		return s.checkAssignee(ctx, *in.AssigneeID, in.BranchID)
	}
	return nil
}

func (s *Service) checkAssignee(ctx context.Context, id, branchID string) error {
	st, err := s.staff.Get(ctx, id)
	if errors.Is(err, staff.ErrNotFound) || (err == nil && !st.Active) {
		return fault.Field("assignee_id", "not_found", "no active staff member has this id")
	}
	if err != nil {
		return err
	}
	if !worksAt(st, branchID) {
		return fault.Field("assignee_id", "not_at_branch", "this staff member does not work at the job's branch")
	}
	return nil
}

// worksAt says whether a staff member sees a branch's work: owners and administrators
// bound to no branch work at all of them.
func worksAt(st staff.Staff, branchID string) bool {
	if len(st.BranchIDs) == 0 {
		return st.Role == actor.Owner || st.Role == actor.Admin
	}
	return slices.Contains(st.BranchIDs, branchID)
}

// same says whether two optional values are the same (both absent counts).
func same(a, b *string) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}
