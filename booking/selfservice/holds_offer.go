package selfservice

import (
	"context"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// PlaceOfferHold is the widget's hold (PlaceHold with one doctor) for a time the
// waitlist offered: the same checks, the same non-overlap path and the same code, but
// the hold is marked as coming from the waitlist and also runs in the placing
// transaction (the offer remembers its hold there).
func (ss *Service) PlaceOfferHold(ctx context.Context, req HoldRequest,
	also func(ctx context.Context, tx db.Tx, a visit.Visit) error) (Hold, error) {
	if !req.Start.After(ss.s.Now()) {
		return Hold{}, booking.ErrTooSoon
	}
	p, err := ss.s.PlanVisit(ctx, req.ServiceID, req.DoctorID, "", req.Start)
	if err != nil {
		return Hold{}, err
	}
	if err := p.Rules().CheckStart(p.Start(), ss.s.Now(), p.Branch().TimeZone); err != nil {
		return Hold{}, err
	}
	who, err := checkHoldPatient(req.Patient, p.Branch(), ss.s.Now())
	if err != nil {
		return Hold{}, err
	}
	row, code, err := ss.newHoldRow(p, who, req.Complaint)
	if err != nil {
		return Hold{}, err
	}
	row.Source = visit.SourceWaitlist
	a, err := ss.s.PlaceHold(ctx, p, row.Visit, row.codeHash, row.patient,
		func(ctx context.Context, tx db.Tx, a visit.Visit) error {
			if err := also(ctx, tx, a); err != nil {
				return err
			}
			return ss.afterHeld(ctx, tx, a, p.Branch(), who, code, row.codeHash)
		})
	if err != nil {
		return Hold{}, err
	}
	return Hold{ID: a.ID, ExpiresAt: a.HoldExpiresAt.In(branchLoc(p.Branch())), SendsLeft: MaxCodeSends - 1}, nil
}
