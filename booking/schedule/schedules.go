// Package schedule knows when and where doctors work (weekly templates, exceptions,
// branch closures, opening hours, booking rules) and, from that, which times are free:
// the availability engine. It is the booking core's Schedule.
package schedule

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/versioned"
)

// Service knows when and where doctors work: weekly templates, exceptions, branch
// closures, opening hours and booking rules. It is the booking engine's Schedule and
// the availability engine.
type Service struct {
	db    *db.DB
	store schedStore
	dir   booking.Directory
	now   func() time.Time
	// caches are the answers' directory, schedule and rules reads (see versioned).
	caches *scheduleCaches
}

var _ booking.Schedule = (*Service)(nil)

// New returns the schedules over d, reading branches, services and doctors
// from dir and the time from now (injected so tests can move the clock).
func New(d *db.DB, dir booking.Directory, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: d, store: schedStore{db: d, stmts: &stmtCache{}, days: &busyCache{}}, dir: dir, now: now, caches: &scheduleCaches{}}
}

// clock is the current instant as stored: UTC, microseconds.
func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Errors of schedules.
var (
	ErrNotYourSchedule  = fault.New(fault.Forbidden, "not_your_schedule", "doctors may change only their own schedule")
	ErrExceptionMissing = fault.New(fault.NotFound, "exception_not_found", "no such schedule exception")
	ErrClosureMissing   = fault.New(fault.NotFound, "closure_not_found", "no such branch closure")
	ErrClosureExists    = fault.New(fault.Conflict, "closure_exists", "the branch is already closed on this date")
	ErrRulesForbidden   = fault.New(fault.Forbidden, "forbidden", "only owners and admins change closures and booking rules")
)

// asSystem reads the directory without the caller's branch scope: where a doctor works
// is a fact the booking engine needs whoever asks, and callers check access themselves.
func asSystem(ctx context.Context) context.Context {
	return actor.With(ctx, actor.Actor{Kind: actor.System})
}

// WorkWindow finds the working window (templates and extra shifts, less time off and
// closures, inside opening hours) that holds all of [start, end), at any branch the
// doctor works at.
func (s *Service) WorkWindow(ctx context.Context, doctorID string, start, end time.Time) (booking.Window, bool, error) {
	want := spanOf(start, end)
	version, err := s.store.scheduleVersion(ctx)
	if err != nil {
		return booking.Window{}, false, err
	}
	work, err := versioned.Read(&s.caches.work, version, doctorID, func() (doctorWork, error) { return s.readDoctorWork(ctx, doctorID) })
	if err != nil || len(work.branches) == 0 || want.empty() {
		return booking.Window{}, false, err
	}
	around := span{want.from - daySeconds, want.to + daySeconds}
	exceptions, err := s.exceptionsDuring(ctx, version, s.clock(), []string{doctorID}, around)
	if err != nil {
		return booking.Window{}, false, err
	}
	for _, b := range workBranches(work.branches, work.templates, exceptions) {
		w, ok, err := s.windowAt(ctx, version, b, doctorID, want, workData{templates: work.templates, exceptions: exceptions})
		if err != nil || ok {
			return w, ok, err
		}
	}
	return booking.Window{}, false, nil
}

// workBranches are the doctor's branches that a template or an extra shift names.
func workBranches(branches []string, templates []TemplateInterval, exceptions []Exception) []string {
	var out []string
	named := func(id string) {
		if slices.Contains(branches, id) && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	for _, t := range templates {
		named(t.BranchID)
	}
	for _, e := range exceptions {
		if e.Kind == ExtraShift && e.BranchID != nil {
			named(*e.BranchID)
		}
	}
	return out
}

// windowAt looks for the window holding want at one branch.
func (s *Service) windowAt(ctx context.Context, version int64, branchID, doctorID string, want span, data workData) (booking.Window, bool, error) {
	bt, err := s.cachedBranchTime(ctx, version, branchID)
	if err != nil {
		return booking.Window{}, false, err
	}
	first := civilOf(time.Unix(want.from, 0), bt.loc).add(-1)
	days := localDays(first, first.daysUntil(civilOf(time.Unix(want.to, 0), bt.loc).add(2)), bt.loc)
	if data.closed, err = s.closedDuring(ctx, version, s.clock(), bt, days[0].date, days[len(days)-1].date); err != nil {
		return booking.Window{}, false, err
	}
	pieces := workWindows(bt, days, []string{doctorID}, data)[doctorID]
	for _, w := range mergePieces(pieces) {
		if w.covers(want) {
			chairs, err := s.activeChairs(ctx, version, branchID)
			return booking.Window{BranchID: branchID, ChairID: chairAt(pieces, want.from), Start: time.Unix(w.from, 0).UTC(),
				End: time.Unix(w.to, 0).UTC(), Chairs: chairs}, err == nil, err
		}
	}
	return booking.Window{}, false, nil
}

// schedProblems collects field errors so one answer names every bad field.
type schedProblems []fault.FieldError

func (p *schedProblems) add(field, code, message string) {
	*p = append(*p, fault.FieldError{Field: field, Code: code, Message: message})
}

// err is nil without schedProblems, else an error of kind naming every field.
func (p schedProblems) err(kind fault.Kind) error {
	if len(p) == 0 {
		return nil
	}
	e := fault.Fields(p...)
	if kind == fault.Unprocessable {
		e.Kind, e.Code, e.Detail = kind, "unworkable_schedule", "the schedule names a place or time the doctor cannot work"
	}
	return e
}

// newScheduleID is a time-ordered UUID, as the directory makes them.
func newScheduleID() string { return uuid.Must(uuid.NewV7()).String() }

func schedPtr[T any](v T) *T { return &v }
