package booking

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/versioned"
)

// plan is a checked request for a time: what, who, where, until when, and which
// chairs may take it, best first.
type plan struct {
	procedure clinic.Procedure
	doctor    clinic.Doctor
	branch    clinic.Branch
	rules     Rules
	start     time.Time
	end       time.Time
	blocked   time.Time
	chairs    []string
}

// planVisit checks that the doctor performs the service and works for the whole
// visit, that the start is on the branch's grid, and finds the candidate chairs. Its
// lookups only read, so they share one read of the directory's version: the
// directory's snapshot, the working window and the rules (three reads before).
func (s *Service) planVisit(ctx context.Context, serviceID, doctorID, chairID string, start time.Time) (plan, error) {
	ctx = versioned.Pin(ctx)
	dir, err := s.dir.Snapshot(ctx)
	if err != nil {
		return plan{}, err
	}
	p, err := planWho(ctx, dir, serviceID, doctorID)
	if err != nil {
		return plan{}, err
	}
	p.start = start.UTC().Truncate(time.Minute)
	p.end = p.start.Add(time.Duration(p.procedure.DurationMinutes) * time.Minute)
	w, ok, err := s.schedule.WorkWindow(ctx, doctorID, p.start, p.end)
	if err != nil {
		return plan{}, err
	}
	if !ok || !start.Equal(p.start) {
		return plan{}, ErrOutsideWorkingTime
	}
	if err := s.planWhere(ctx, dir, &p, w); err != nil {
		return plan{}, err
	}
	p.chairs, err = candidateChairs(p, w, chairID)
	return p, err
}

func planWho(ctx context.Context, dir clinic.Snapshot, serviceID, doctorID string) (plan, error) {
	proc, err := dir.Procedure(ctx, serviceID)
	if err != nil {
		return plan{}, err
	}
	doc, err := dir.Doctor(ctx, doctorID)
	if err != nil {
		return plan{}, err
	}
	if !proc.Active || !doc.Active {
		return plan{}, ErrInactive
	}
	if !slices.Contains(doc.ServiceIDs, proc.ID) {
		return plan{}, ErrDoctorNotForService
	}
	return plan{procedure: proc, doctor: doc}, nil
}

func (s *Service) planWhere(ctx context.Context, dir clinic.Snapshot, p *plan, w Window) error {
	var err error
	if p.branch, err = dir.Branch(ctx, w.BranchID); err != nil {
		return err
	}
	if p.rules, err = s.schedule.RulesFor(ctx, w.BranchID, p.procedure.ID); err != nil {
		return err
	}
	if !OnGrid(p.start, p.branch.TimeZone, p.rules.Step) {
		return ErrNotOnGrid
	}
	p.blocked = p.end.Add(p.rules.Buffer)
	if p.blocked.Sub(p.start) > MaxBlocked {
		// The overlap checks read only MaxBlocked back; a longer visit would slip past them.
		return fmt.Errorf("booking: visit blocks %s, longer than %s", p.blocked.Sub(p.start), MaxBlocked)
	}
	return nil
}

// OnGrid reports whether t falls on the slot grid of the branch's local day (a grid
// of step minutes from local midnight, so slots read 9:00, 9:15 … on the wall clock
// even across a DST change).
func OnGrid(t time.Time, zone string, step time.Duration) bool {
	loc, err := loadZone(zone)
	if err != nil || step <= 0 {
		return false
	}
	local := t.In(loc)
	minutes := local.Hour()*60 + local.Minute()
	return local.Second() == 0 && local.Nanosecond() == 0 && minutes%int(step/time.Minute) == 0
}

// candidateChairs lists the chairs a visit may take: the one asked for (it must fit),
// else the one the schedule pins first and then every other fitting chair by name.
func candidateChairs(p plan, w Window, asked string) ([]string, error) {
	chairs := fittingChairs(p, w.Chairs)
	if asked != "" {
		if !slices.ContainsFunc(chairs, func(c clinic.Chair) bool { return c.ID == asked }) {
			return nil, ErrChairUnfit
		}
		return []string{asked}, nil
	}
	sort.SliceStable(chairs, func(i, j int) bool { return chairs[i].ID == w.ChairID && chairs[j].ID != w.ChairID })
	ids := make([]string, 0, len(chairs))
	for _, c := range chairs {
		ids = append(ids, c.ID)
	}
	if len(ids) == 0 {
		return nil, ErrNoChair
	}
	return ids, nil
}

// fittingChairs are the active chairs with the capability the service needs, in a
// list of their own: the window's list is shared with other bookings.
func fittingChairs(p plan, active []clinic.Chair) []clinic.Chair {
	out := make([]clinic.Chair, 0, len(active))
	for _, c := range active {
		if p.procedure.ChairCapability == "" || slices.Contains(c.Capabilities, p.procedure.ChairCapability) {
			out = append(out, c)
		}
	}
	return out
}
