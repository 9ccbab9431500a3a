package schedule

import (
	"context"
	"sync"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// basics is what an answer reads before it can look at days.
type basics struct {
	branch    clinic.Branch
	proc      clinic.Procedure
	rules     booking.Rules
	doctors   []bookableDoctor
	chairs    []clinic.Chair
	templates []TemplateInterval
	// doctorErr is why the doctor asked for cannot be offered; it is answered only
	// after the branch and the service are known to be there and active.
	doctorErr error
}

// loadBasics answers the basics from the cache while the schedule version they were
// read under stands. The version was read first: a change committed while the basics
// are read counts it up past the one they are kept under.
func (s *Service) loadBasics(ctx context.Context, q Query, version int64) (basics, error) {
	key := basicsKey{q.BranchID, q.ServiceID, q.DoctorID}
	if b, ok := s.caches.basics.Get(version, key); ok {
		return b, nil
	}
	if q.DoctorID != "" {
		return s.doctorBasics(ctx, q, key, version)
	}
	b, err := s.readBasics(ctx, q.BranchID, q.ServiceID)
	if err == nil {
		s.caches.basics.Put(version, key, b)
	}
	return b, err
}

// doctorBasics narrows the branch's basics for the service (kept, or read and kept)
// to one doctor: nothing in them but the doctors depends on who is asked for, so the
// first answer for each of a big branch's doctors after a change no longer reads them
// all again (seven reads, the slowest twentieth of one-doctor answers).
func (s *Service) doctorBasics(ctx context.Context, q Query, key basicsKey, version int64) (basics, error) {
	wide := q
	wide.DoctorID = ""
	b, err := s.loadBasics(ctx, wide, version)
	if err != nil {
		return b, err
	}
	b.doctors = onlyDoctor(b.doctors, q.DoctorID)
	// A doctor refused is not kept: the key is the caller's, and anyone may ask for
	// any number of made-up doctors.
	if b.doctorErr = s.checkDoctor(ctx, q); b.doctorErr == nil {
		s.caches.basics.Put(version, key, b)
	}
	return b, nil
}

// onlyDoctor is the one of doctors with id, in a slice of its own (doctors is kept).
func onlyDoctor(doctors []bookableDoctor, id string) []bookableDoctor {
	out := []bookableDoctor{}
	for _, d := range doctors {
		if d.ID == id {
			out = append(out, d)
		}
	}
	return out
}

// readBasics reads the branch, the service, the rules, the doctors who perform it
// there, the chairs and the weekly templates at once: they are independent, and on
// PostgreSQL each is a round trip.
func (s *Service) readBasics(ctx context.Context, branchID, serviceID string) (basics, error) {
	var b basics
	err := s.together(
		func() (err error) { b.branch, err = s.dir.Branch(ctx, branchID); return err },
		func() (err error) { b.proc, err = s.dir.Procedure(ctx, serviceID); return err },
		func() (err error) { b.rules, err = s.store.rulesFor(ctx, branchID, serviceID); return err },
		func() (err error) { b.doctors, err = s.store.bookableDoctors(ctx, branchID, serviceID); return err },
		func() (err error) { b.chairs, err = s.chairsAt(ctx, branchID); return err },
		func() (err error) { b.templates, err = s.store.templatesAt(ctx, branchID); return err },
	)
	return b, err
}

// together runs fns and answers the error of the first of them (in order, not in
// time) that failed. On PostgreSQL they run at once, since each is a round trip to
// the server; on SQLite one after another, since the work is in this process and the
// reader pool keeps only a couple of idle connections.
func (s *Service) together(fns ...func() error) error {
	errs := make([]error, len(fns))
	if s.db.Dialect != db.Postgres {
		for i, fn := range fns {
			errs[i] = fn()
		}
		return firstErr(errs)
	}
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() { errs[i] = fn() })
	}
	wg.Wait()
	return firstErr(errs)
}

func firstErr(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
