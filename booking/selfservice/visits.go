package selfservice

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Visit is a visit as its patient sees it through the manage link.
type Visit struct {
	Appointment visit.Visit
	// Service is the service's name in the patient's language.
	Service string
	Doctor  clinic.Doctor
	Branch  clinic.Branch
	Loc     *time.Location
	// CanConfirm holds until the visit starts; CanChange (cancel, move) only until the
	// change window before it opens, at ChangeDeadline. Later changes go by phone.
	CanConfirm     bool
	CanChange      bool
	ChangeDeadline time.Time
}

// visitFacts are what the patient's view and messages say about a visit.
type visitFacts struct {
	branch  clinic.Branch
	doctor  clinic.Doctor
	service string
	loc     *time.Location
	rules   booking.Rules
}

// Describe is what a patient's messages say about a: the service's name in locale,
// the doctor, the branch and its zone (the Can* answers are left unset).
func (ss *Service) Describe(ctx context.Context, a visit.Visit, locale string) (Visit, error) {
	f, err := ss.factsOf(ctx, a, locale)
	if err != nil {
		return Visit{}, err
	}
	return Visit{Appointment: a, Service: f.service, Doctor: f.doctor, Branch: f.branch, Loc: f.loc}, nil
}

func (ss *Service) factsOf(ctx context.Context, a visit.Visit, locale string) (visitFacts, error) {
	var f visitFacts
	var err error
	if f.branch, err = ss.dir.Branch(ctx, a.BranchID); err != nil {
		return f, err
	}
	if f.doctor, err = ss.dir.Doctor(ctx, a.DoctorID); err != nil {
		return f, err
	}
	proc, err := ss.dir.Procedure(ctx, a.ServiceID)
	if err != nil {
		return f, err
	}
	if locale == "" {
		locale = f.branch.Locale
	}
	f.service = proc.Name(locale)
	f.loc = branchLoc(f.branch)
	f.rules, err = ss.rules.RulesFor(ctx, a.BranchID, a.ServiceID)
	return f, err
}

// visitOf builds the patient's view of a, in the language of its patient's card.
func (ss *Service) visitOf(ctx context.Context, a visit.Visit) (Visit, error) {
	locale, err := ss.patientLocale(ctx, a)
	if err != nil {
		return Visit{}, err
	}
	f, err := ss.factsOf(ctx, a, locale)
	if err != nil {
		return Visit{}, err
	}
	return ss.visitFrom(a, f), nil
}

// patientLocale is the language on the visit's patient card; "" (the branch's) when
// the visit has no patient or the card is gone (merged into another).
func (ss *Service) patientLocale(ctx context.Context, a visit.Visit) (string, error) {
	if a.PatientID == nil {
		return "", nil
	}
	p, err := ss.patients.Patient(ctx, *a.PatientID)
	if fe, ok := fault.As(err); ok && fe.Kind == fault.NotFound {
		return "", nil
	}
	return p.Locale, err
}

func (ss *Service) visitFrom(a visit.Visit, f visitFacts) Visit {
	now := ss.s.Now()
	deadline := a.Start.Add(-f.rules.ChangeWindow)
	open := a.Status == visit.Booked || a.Status == visit.Confirmed
	return Visit{Appointment: a, Service: f.service, Doctor: f.doctor, Branch: f.branch, Loc: f.loc,
		CanConfirm: a.Status == visit.Booked && now.Before(a.Start), CanChange: open && now.Before(deadline),
		ChangeDeadline: deadline}
}

// OpenVisit shows the visit a manage link belongs to.
func (ss *Service) OpenVisit(ctx context.Context, token string) (Visit, error) {
	l, a, err := ss.openLink(ctx, token)
	if err != nil {
		return Visit{}, err
	}
	return ss.visitOf(asPatient(ctx, l.ref()), a)
}

// ConfirmVisit confirms the visit. Saying "I will come" is welcome until the visit
// starts, so it is not bound by the change window; confirming twice is harmless.
func (ss *Service) ConfirmVisit(ctx context.Context, token string) (Visit, error) {
	return ss.act(ctx, token, func(ctx context.Context, a visit.Visit, f visitFacts) (visit.Visit, error) {
		if a.Status == visit.Confirmed {
			return a, nil
		}
		if !ss.s.Now().Before(a.Start) {
			return a, ErrTooLateToChange(f.branch.Phone)
		}
		return ss.s.Move(ctx, a.ID, booking.Change{Action: booking.ActionConfirm})
	})
}

// CancelVisit cancels the visit for the patient, before the change window only.
func (ss *Service) CancelVisit(ctx context.Context, token, reason string) (Visit, error) {
	return ss.act(ctx, token, func(ctx context.Context, a visit.Visit, f visitFacts) (visit.Visit, error) {
		if err := ss.inChangeWindow(a, f); err != nil {
			return a, err
		}
		return ss.s.Move(ctx, a.ID, booking.Change{Action: booking.ActionCancel, Reason: reason, ByPatient: true})
	})
}

// RescheduleVisit moves the visit to start (same service and doctor) before the change
// window only, under the rules a patient booking that time would meet. The new visit
// keeps the patient's link: the link follows the visit.
func (ss *Service) RescheduleVisit(ctx context.Context, token string, start time.Time) (Visit, error) {
	var l patientLink
	v, err := ss.act(ctx, token, func(ctx context.Context, a visit.Visit, f visitFacts) (visit.Visit, error) {
		if err := ss.inChangeWindow(a, f); err != nil {
			return a, err
		}
		if err := ss.checkNewStart(start, f); err != nil {
			return a, err
		}
		l, _, _ = ss.openLink(ctx, token)
		return ss.s.Reschedule(ctx, a.ID, booking.Move{Start: start, ByPatient: true})
	})
	if err == nil {
		err = ss.moveLink(ctx, l, v.Appointment)
	}
	return v, err
}

func (ss *Service) checkNewStart(start time.Time, f visitFacts) error {
	now := ss.s.Now()
	if !start.After(now) {
		return booking.ErrTooSoon
	}
	return f.rules.CheckStart(start.UTC().Truncate(time.Minute), now, f.branch.TimeZone)
}

func (ss *Service) inChangeWindow(a visit.Visit, f visitFacts) error {
	if a.Status != visit.Booked && a.Status != visit.Confirmed {
		return booking.ErrInvalidTransition
	}
	if !ss.s.Now().Before(a.Start.Add(-f.rules.ChangeWindow)) {
		return ErrTooLateToChange(f.branch.Phone)
	}
	return nil
}

// act runs one patient action on the visit behind token, as the patient of that link,
// and answers the visit as it is afterwards.
func (ss *Service) act(ctx context.Context, token string,
	do func(ctx context.Context, a visit.Visit, f visitFacts) (visit.Visit, error)) (Visit, error) {
	l, a, err := ss.openLink(ctx, token)
	if err != nil {
		return Visit{}, err
	}
	ctx = asPatient(ctx, l.ref())
	f, err := ss.factsOf(ctx, a, "")
	if err != nil {
		return Visit{}, err
	}
	if a, err = do(ctx, a, f); err != nil {
		return Visit{}, err
	}
	return ss.visitOf(ctx, a)
}

// branchLoc is the branch's zone; UTC if it cannot be read (instants stay right).
func branchLoc(b clinic.Branch) *time.Location {
	loc, err := time.LoadLocation(b.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}
