package selfservice

import (
	"context"
	"crypto/subtle"
	"errors"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Verified is a hold turned into a visit, with the patient's manage link.
type Verified struct {
	Visit Visit
	// Token is the manage link's secret; only its hash is stored.
	Token string
	URL   string
}

// VerifyHold checks the code and, when it is right, books the visit: the patient is
// found or registered, the hold becomes booked, a manage link is made and the booking
// confirmation carrying it is queued — the last three in one transaction.
func (ss *Service) VerifyHold(ctx context.Context, holdID, code string) (Verified, error) {
	ctx = asPatient(ctx, "")
	h, err := ss.checkCode(ctx, holdID, code)
	if err != nil {
		return Verified{}, err
	}
	who, facts, patientID, err := ss.prepareBooking(ctx, h)
	if err != nil {
		return Verified{}, err
	}
	var v Verified
	err = ss.db.InTx(ctx, func(tx db.Tx) error {
		if v, err = ss.bookVerified(ctx, tx, h.ID, patientID); err != nil {
			return err
		}
		return ss.queueConfirmation(ctx, tx, who, facts, v)
	})
	if err != nil {
		return Verified{}, err
	}
	v.Visit = ss.visitFrom(v.Visit.Appointment, facts)
	return v, nil
}

// prepareBooking reads what booking a verified hold needs before its transaction (on
// SQLite, reads inside it would wait for the one writer connection it holds) and
// registers or finds the patient, whose phone the code has just proven.
func (ss *Service) prepareBooking(ctx context.Context, h holdState) (HoldPatient, visitFacts, string, error) {
	who, err := holdPatientOf(h)
	if err != nil {
		return who, visitFacts{}, "", err
	}
	facts, err := ss.factsOf(ctx, h.Visit, who.Locale)
	if err != nil {
		return who, facts, "", err
	}
	patient, err := ss.registerHoldPatient(ctx, h.BranchID, who)
	return who, facts, patient.ID, err
}

// checkCode spends one attempt and compares the code. A wrong code is remembered (its
// transaction commits) and answered with the attempts left; the last wrong code
// releases the hold, freeing the time at once.
func (ss *Service) checkCode(ctx context.Context, holdID, code string) (holdState, error) {
	var h holdState
	var verdict error
	err := ss.db.InTx(ctx, func(tx db.Tx) (err error) {
		h, verdict, err = ss.spendAttempt(ctx, tx, holdID, code)
		return err
	})
	if err == nil {
		err = verdict
	}
	return h, err
}

// spendAttempt answers the hold when the code is right, or the verdict on a wrong one;
// err is for failures that must roll the attempt back.
func (ss *Service) spendAttempt(ctx context.Context, tx db.Tx, holdID, code string) (h holdState, verdict, err error) {
	at, err := ss.store.useAttempt(ctx, tx, holdID, ss.s.Now())
	if errors.Is(err, db.ErrNotFound) {
		return h, nil, ss.whyNotOpen(ctx, tx, holdID)
	}
	if err != nil {
		return h, nil, err
	}
	if subtle.ConstantTimeCompare([]byte(at.CodeHash), []byte(codeHash(holdID, code))) == 1 {
		h, err = ss.store.hold(ctx, tx, holdID)
		return h, nil, err
	}
	if at.Attempts < MaxCodeAttempts {
		return h, ErrWrongCode(MaxCodeAttempts - at.Attempts), nil
	}
	return h, ErrWrongCode(0), ss.release(ctx, tx, holdID)
}

func (ss *Service) release(ctx context.Context, tx db.Tx, holdID string) error {
	if err := ss.store.releaseHold(ctx, tx, holdID, ss.s.Now()); err != nil {
		return err
	}
	a, err := ss.s.GetIn(ctx, tx, holdID)
	if err != nil {
		return err
	}
	return ss.s.RecordChange(ctx, tx, a, visit.EventReleased, visit.Held, "too many wrong codes")
}

// whyNotOpen explains a hold that cannot take a code (or a resend): unknown, expired,
// released after wrong codes, or already verified.
func (ss *Service) whyNotOpen(ctx context.Context, q db.Q, holdID string) error {
	h, err := ss.store.hold(ctx, q, holdID)
	switch {
	case err != nil:
		return err
	case h.Status == visit.Released && h.Attempts >= MaxCodeAttempts:
		return ErrHoldReleased
	case h.Status == visit.Held && h.Attempts >= MaxCodeAttempts:
		return ErrHoldReleased
	case h.Status == visit.Held || h.Status == visit.Released:
		return ErrHoldExpired
	default:
		return ErrHoldVerified
	}
}

// bookVerified books the hold for the patient and makes the manage link; if the hold
// expired meanwhile (and its time may now be someone else's) it answers why instead.
func (ss *Service) bookVerified(ctx context.Context, tx db.Tx, holdID, patientID string) (Verified, error) {
	err := ss.store.bookHold(ctx, tx, holdID, patientID, ss.s.Now())
	if errors.Is(err, db.ErrNotFound) {
		return Verified{}, ss.whyNotOpen(ctx, tx, holdID)
	}
	if err != nil {
		return Verified{}, err
	}
	a, err := ss.s.GetIn(ctx, tx, holdID)
	if err != nil {
		return Verified{}, err
	}
	if err := ss.s.RecordChange(ctx, tx, a, visit.EventBooked, visit.Held, ""); err != nil {
		return Verified{}, err
	}
	if err := ss.s.PlanReminders(ctx, tx, a); err != nil {
		return Verified{}, err
	}
	token, err := ss.createManageLink(ctx, tx, a)
	if err != nil {
		return Verified{}, err
	}
	return Verified{Visit: Visit{Appointment: a}, Token: token, URL: ss.ManageURL(token)}, nil
}

// queueConfirmation queues the booking confirmation with the manage link, once per visit.
func (ss *Service) queueConfirmation(ctx context.Context, tx db.Tx, who HoldPatient, f visitFacts, v Verified) error {
	a := v.Visit.Appointment
	return ss.outbox.Enqueue(ctx, tx, messaging.Message{DedupeKey: "booked:" + a.ID, Channel: messaging.SMS,
		Recipient: who.Phone, PatientID: deref(a.PatientID), AppointmentID: a.ID, BranchID: a.BranchID, Locale: who.Locale,
		Template: messaging.TemplateBookingConfirmation, Data: map[string]any{"Clinic": f.branch.Name,
			"Service": f.service, "Doctor": f.doctor.DisplayName, "Start": a.Start.In(f.loc),
			"Address": f.branch.Address, "Link": v.URL}})
}

// ResendCode sends a new code for an open hold (the old one stops working): at most
// MaxCodeSends codes per hold, and one per ResendInterval.
func (ss *Service) ResendCode(ctx context.Context, holdID string) (Hold, error) {
	ctx = asPatient(ctx, "")
	h, err := ss.store.hold(ctx, ss.db.R, holdID)
	if err != nil {
		return Hold{}, err
	}
	branch, err := ss.dir.Branch(ctx, h.BranchID)
	if err != nil {
		return Hold{}, err
	}
	err = ss.db.InTx(ctx, func(tx db.Tx) error {
		if h, err = ss.store.hold(ctx, tx, holdID); err != nil {
			return err
		}
		return ss.resend(ctx, tx, h, branch)
	})
	if err != nil {
		return Hold{}, err
	}
	return Hold{ID: h.ID, ExpiresAt: h.HoldExpiresAt.In(branchLoc(branch)), SendsLeft: MaxCodeSends - h.Sends - 1}, nil
}

func (ss *Service) mayResend(ctx context.Context, tx db.Tx, h holdState) error {
	if h.Sends >= MaxCodeSends {
		return ErrTooManySends
	}
	last, found, err := ss.outbox.QueuedAt(ctx, tx, codeKey(h.ID, h.Sends))
	if err != nil {
		return err
	}
	if wait := last.Add(ResendInterval).Sub(ss.s.Now()); found && wait > 0 {
		return ErrResendTooSoon(wait)
	}
	return nil
}

// resend checks that the hold may get another code and sends it.
func (ss *Service) resend(ctx context.Context, tx db.Tx, h holdState, branch clinic.Branch) error {
	if h.Status != visit.Held || !h.HoldExpiresAt.After(ss.s.Now()) || h.Attempts >= MaxCodeAttempts {
		return ss.whyNotOpen(ctx, tx, h.ID)
	}
	if err := ss.mayResend(ctx, tx, h); err != nil {
		return err
	}
	who, err := holdPatientOf(h)
	if err != nil {
		return err
	}
	code, err := newCode()
	if err != nil {
		return err
	}
	return ss.sendCode(ctx, tx, h.Visit, branch, who, code, codeHash(h.ID, code), h.Sends)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
