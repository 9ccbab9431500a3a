package demo

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// story is what happens to one demo visit after it is booked.
type story int

// The stories of demo visits.
const (
	// stays booked: the patient has not answered (or was never asked).
	stays story = iota
	confirms
	declines
	// waits for a chair after arriving early; its papers are half signed.
	waits
	sits
	completes
	noShow
	cancels
)

// slot is one demo visit: when, with whom (index into the doctors), what (a service
// code), for which patient (index into the cards), and what happens to it.
type slot struct {
	start   time.Time
	doctor  int
	code    string
	patient int
	story   story
	// bookedAt is when the visit was booked.
	bookedAt time.Time
	// replied: the patient confirmed by reply before coming.
	replied bool
	// papers: the questionnaire filled, the pack printed, signed (all or some).
	filled, printed, signed bool
	// health is what the questionnaire tells the doctor.
	health health
}

// grid is the branch's slot step.
const grid = 15 * time.Minute

// days books the demo's yesterday, today and the coming two weeks through a replay of
// the last days (past.go): what the desk sees is what those days would have left. It
// needs the schedules to book and the documents to sign (no one is seated unsigned).
func (s *seeder) days(ctx context.Context) error {
	if s.Schedules == nil || s.Documents == nil {
		return nil
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	if err := s.openUp(ctx, now); err != nil {
		return err
	}
	p := s.newPast(now)
	l := &layout{s: s, now: now, loc: s.zone()}
	for _, v := range l.all() {
		s.tell(p, v)
	}
	return wrap("days", p.replay(ctx))
}

// openUp opens the branch on yesterday and today when they are public holidays: the
// demo shows a working day whenever it is tried.
func (s *seeder) openUp(ctx context.Context, now time.Time) error {
	for _, back := range []int{1, 0} {
		date := now.In(s.zone()).AddDate(0, 0, -back).Format(time.DateOnly)
		closures, err := s.Schedules.Closures(ctx, s.branchID, date)
		if err != nil {
			return wrap("closures", err)
		}
		for _, c := range closures {
			if c.Date == date {
				if _, err := s.Schedules.AddOpenDay(ctx, s.branchID, date, c.Reason+" (demo: open)"); err != nil {
					return wrap("open day", err)
				}
			}
		}
	}
	return nil
}

// atDesk is the administrator at the front desk, as the actor of the desk's acts.
func (s *seeder) atDesk(ctx context.Context) context.Context {
	return actor.With(ctx, actor.Actor{Kind: actor.Staff, StaffID: s.adminID, Role: actor.Admin,
		BranchIDs: []string{s.branchID}})
}

// inChair is doctor i at the chair, as the actor who completes the visit.
func (s *seeder) inChair(ctx context.Context, i int) context.Context {
	return actor.With(ctx, actor.Actor{Kind: actor.Staff, StaffID: s.doctorStaff[i], Role: actor.Doctor,
		BranchIDs: []string{s.branchID}})
}

// replying is the patient answering a text, as self-service records a reply.
func replying(ctx context.Context) context.Context {
	return actor.With(ctx, actor.Actor{Kind: actor.Patient, PatientLink: "reply"})
}

// skippable are the refusals that only mean the layout met a closed hour, a holiday
// or a taken chair: that visit is left out, the others are booked.
var skippable = []error{booking.ErrOutsideWorkingTime, booking.ErrNoChair, booking.ErrTooSoon,
	booking.ErrInPast, booking.ErrNotOnGrid, booking.ErrTooFar}

func skipped(err error) bool {
	for _, e := range skippable {
		if errors.Is(err, e) {
			return true
		}
	}
	var f *fault.Error
	return errors.As(err, &f) && f.Code == "slot_taken"
}

// tell puts the visit's booking on the replay; what follows is added once it is booked.
func (s *seeder) tell(p *past, v slot) {
	p.then(v.bookedAt, func(ctx context.Context) error {
		src := visit.SourcePhone
		if v.story == waits {
			src = visit.SourceAdmin
		}
		a, err := p.booking.Book(s.atDesk(ctx), booking.BookRequest{PatientID: s.patientIDs[v.patient],
			ServiceID: s.services[v.code], DoctorID: s.doctorIDs[v.doctor], Start: v.start, Source: src})
		if skipped(err) {
			return nil
		}
		if err != nil {
			return wrap("book "+v.code+" "+v.start.Format(time.RFC3339), err)
		}
		return s.follow(ctx, p, v, a)
	})
}
