package schedule

import (
	"context"
	"slices"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/versioned"
)

// selectScheduleVersion reads the version every change to the directory, schedules
// and rules counts up (schedule_version, by triggers).
const selectScheduleVersion = `SELECT version FROM schedule_version WHERE id = 1`

// scheduleVersion reads the current schedule version, or answers the one pinned for
// the span ctx belongs to (versioned.Pin).
func (s schedStore) scheduleVersion(ctx context.Context) (int64, error) {
	return versioned.Current(ctx, func() (int64, error) {
		st, err := s.prepared(ctx, selectScheduleVersion)
		if err != nil {
			return 0, err
		}
		var v int64
		return v, db.Map(st.QueryRowContext(ctx).Scan(&v))
	})
}

// doctorWork is what a booking's check of working time reads of a doctor besides
// exceptions: where they work and their weekly templates.
type doctorWork struct {
	branches  []string
	templates []TemplateInterval
}

// readDoctorWork reads a doctor's work from the database.
func (s *Service) readDoctorWork(ctx context.Context, doctorID string) (w doctorWork, err error) {
	if w.branches, err = s.store.doctorBranches(ctx, doctorID); err != nil {
		return w, err
	}
	w.templates, err = s.store.templatesOf(ctx, []string{doctorID})
	return w, err
}

// cachedBranchTime is branchTime kept under version.
func (s *Service) cachedBranchTime(ctx context.Context, version int64, branchID string) (branchTime, error) {
	return versioned.Read(&s.caches.branches, version, branchID, func() (branchTime, error) { return s.branchTime(ctx, branchID) })
}

// activeChairs are a branch's active chairs kept under version. They are read as the
// system, since every caller shares the cache; a booking checks that its caller may
// see the branch before it looks at the chairs.
func (s *Service) activeChairs(ctx context.Context, version int64, branchID string) ([]clinic.Chair, error) {
	return versioned.Read(&s.caches.chairs, version, branchID, func() ([]clinic.Chair, error) {
		all, err := s.chairsAt(asSystem(ctx), branchID)
		return slices.DeleteFunc(all, func(c clinic.Chair) bool { return !c.Active }), err
	})
}

// RulesFor returns the branch's booking rules (the defaults until an owner sets them)
// with the service's overrides applied, kept under the schedule version.
func (s *Service) RulesFor(ctx context.Context, branchID, serviceID string) (booking.Rules, error) {
	version, err := s.store.scheduleVersion(ctx)
	if err != nil {
		return booking.Rules{}, err
	}
	return versioned.Read(&s.caches.rules, version, [2]string{branchID, serviceID}, func() (booking.Rules, error) {
		return s.store.rulesFor(ctx, branchID, serviceID)
	})
}
