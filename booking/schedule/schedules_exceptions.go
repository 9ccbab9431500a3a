package schedule

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// ExceptionKind says whether an exception takes working time away or adds it.
type ExceptionKind string

// The exception kinds.
const (
	TimeOff    ExceptionKind = "time_off"
	ExtraShift ExceptionKind = "extra_shift"
)

// Exception is time off (at every branch) or an extra shift (at one branch, maybe
// pinned to a chair), in instants.
type Exception struct {
	ID        string        `db:"id"`
	DoctorID  string        `db:"doctor_id"`
	Kind      ExceptionKind `db:"kind"`
	BranchID  *string       `db:"branch_id"`
	ChairID   *string       `db:"chair_id"`
	Start     time.Time     `db:"starts_at"`
	End       time.Time     `db:"ends_at"`
	Reason    string        `db:"reason"`
	CreatedBy *string       `db:"created_by"`
	CreatedAt time.Time     `db:"created_at"`
}

// ExceptionInput is a new exception; BranchID is required for an extra shift and
// refused for time off, which applies everywhere.
type ExceptionInput struct {
	Kind     ExceptionKind
	Start    time.Time
	End      time.Time
	BranchID string
	ChairID  string
	Reason   string
}

// maxException bounds one exception (a long leave is a year at most).
const maxException = 366 * 24 * time.Hour

// Exceptions lists a doctor's exceptions that end after from, by start.
func (s *Service) Exceptions(ctx context.Context, doctorID string, from time.Time) ([]Exception, error) {
	if _, err := s.dir.Doctor(ctx, doctorID); err != nil {
		return nil, err
	}
	return s.store.exceptionsAfter(ctx, doctorID, from.UTC())
}

// AddException records time off or an extra shift for a doctor.
func (s *Service) AddException(ctx context.Context, doctorID string, in ExceptionInput) (Exception, error) {
	doc, err := s.editableDoctor(ctx, doctorID)
	if err != nil {
		return Exception{}, err
	}
	e := Exception{ID: newScheduleID(), DoctorID: doc.ID, Kind: in.Kind, Start: in.Start.UTC().Truncate(time.Microsecond),
		End: in.End.UTC().Truncate(time.Microsecond), Reason: strings.TrimSpace(in.Reason), CreatedAt: s.clock()}
	if err := checkException(e, in); err != nil {
		return Exception{}, err
	}
	if err := s.placeShift(ctx, doc, &e, in); err != nil {
		return Exception{}, err
	}
	if a := actor.From(ctx); a.StaffID != "" {
		e.CreatedBy = &a.StaffID
	}
	return e, s.store.insertException(ctx, s.db.W, e)
}

// placeShift checks an extra shift's branch (the doctor works there) and chair (it
// stands there), and records them.
func (s *Service) placeShift(ctx context.Context, doc clinic.Doctor, e *Exception, in ExceptionInput) error {
	if in.Kind != ExtraShift {
		return nil
	}
	e.BranchID = schedPtr(strings.ToLower(in.BranchID))
	if in.ChairID != "" {
		e.ChairID = schedPtr(strings.ToLower(in.ChairID))
	}
	var p schedProblems
	s.checkPlace(ctx, &p, "", doc, *e.BranchID, e.ChairID)
	return p.err(fault.Unprocessable)
}

// checkException checks the shape of an exception, naming the fields.
func checkException(e Exception, in ExceptionInput) error {
	var p schedProblems
	switch {
	case in.Kind != TimeOff && in.Kind != ExtraShift:
		p.add("kind", "oneof", "must be one of: time_off extra_shift")
	case in.Kind == ExtraShift && in.BranchID == "":
		p.add("branch_id", "required", "is required for an extra shift")
	case in.Kind == TimeOff && (in.BranchID != "" || in.ChairID != ""):
		p.add("branch_id", "excluded", "time off applies at every branch; send no branch_id or chair_id")
	}
	switch {
	case !e.Start.Before(e.End):
		p.add("end", "after_start", "must be later than start")
	case e.End.Sub(e.Start) > maxException:
		p.add("end", "max", "must be at most 366 days after start")
	}
	if len(e.Reason) > 500 {
		p.add("reason", "max", "must be at most 500 characters")
	}
	return p.err(fault.Invalid)
}

// DeleteException removes one of a doctor's exceptions.
func (s *Service) DeleteException(ctx context.Context, doctorID, exceptionID string) error {
	doc, err := s.editableDoctor(ctx, doctorID)
	if err != nil {
		return err
	}
	err = s.store.deleteException(ctx, doc.ID, exceptionID)
	if errors.Is(err, db.ErrNotFound) {
		return ErrExceptionMissing
	}
	return err
}

// Closure is a whole local day a branch is closed: by its owner (Source owner) or by
// a public holiday of its country (Source holiday, no ID: an open day overrides it).
type Closure struct {
	ID        string    `db:"id"`
	BranchID  string    `db:"branch_id"`
	Date      string    `db:"day"`
	Reason    string    `db:"reason"`
	Source    string    `db:"-"`
	CreatedAt time.Time `db:"created_at"`
}

// Closures lists a branch's closed days on or after the local date from ("" for all of
// the owner's, and holidays from today): the owner's closures and the country's public
// holidays up to a year ahead that no open day overrides, by date.
func (s *Service) Closures(ctx context.Context, branchID, from string) ([]Closure, error) {
	b, err := s.dir.Branch(ctx, branchID)
	if err != nil {
		return nil, err
	}
	owned, err := s.store.closuresFrom(ctx, branchID, from)
	if err != nil {
		return nil, err
	}
	for i := range owned {
		owned[i].Source = ClosedByOwner
	}
	bt, err := newBranchTime(b)
	if err != nil {
		return nil, err
	}
	first, ok := parseCivil(from)
	if !ok {
		first = civilOf(s.clock(), bt.loc)
	}
	holidays, err := s.openHolidays(ctx, bt, first, first.add(holidayHorizon))
	if err != nil {
		return nil, err
	}
	return mergeClosures(owned, holidays, branchID), nil
}

// AddClosure closes a branch for a local date (owners and admins).
func (s *Service) AddClosure(ctx context.Context, branchID, date, reason string) (Closure, error) {
	if err := s.administrableBranch(ctx, branchID); err != nil {
		return Closure{}, err
	}
	var p schedProblems
	if _, ok := parseCivil(date); !ok {
		p.add("date", "date", "must be a date YYYY-MM-DD")
	}
	if reason = strings.TrimSpace(reason); len(reason) > 500 {
		p.add("reason", "max", "must be at most 500 characters")
	}
	if err := p.err(fault.Invalid); err != nil {
		return Closure{}, err
	}
	c := Closure{ID: newScheduleID(), BranchID: branchID, Date: date, Reason: reason, Source: ClosedByOwner, CreatedAt: s.clock()}
	err := s.store.insertClosure(ctx, c)
	if errors.Is(err, db.ErrConflict) {
		return Closure{}, ErrClosureExists
	}
	return c, err
}

// DeleteClosure reopens a branch on a closed date (owners and admins).
func (s *Service) DeleteClosure(ctx context.Context, branchID, closureID string) error {
	if err := s.administrableBranch(ctx, branchID); err != nil {
		return err
	}
	err := s.store.deleteClosure(ctx, branchID, closureID)
	if errors.Is(err, db.ErrNotFound) {
		return ErrClosureMissing
	}
	return err
}

// administrableBranch checks that the branch exists and the actor may change its
// closures and rules.
func (s *Service) administrableBranch(ctx context.Context, branchID string) error {
	if _, err := s.dir.Branch(ctx, branchID); err != nil {
		return err
	}
	return mayAdminister(ctx)
}

// mayAdminister lets owners and admins (and the system) change closures and rules.
func mayAdminister(ctx context.Context) error {
	if !actor.From(ctx).SeesAllBranches() {
		return ErrRulesForbidden
	}
	return nil
}
