package booking

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// placeOfferHold is the widget's hold (PlaceHold with one doctor) for a time the
// waitlist offered: the same checks, the same non-overlap path and the same code, but
// the hold is marked as coming from the waitlist and also runs in the placing
// transaction (the offer remembers its hold there).
func (ss *SelfService) placeOfferHold(ctx context.Context, req HoldRequest,
	also func(ctx context.Context, tx db.Tx, a visit.Visit) error) (Hold, error) {
	if !req.Start.After(ss.s.clock()) {
		return Hold{}, ErrTooSoon
	}
	p, err := ss.s.planVisit(ctx, req.ServiceID, req.DoctorID, "", req.Start)
	if err != nil {
		return Hold{}, err
	}
	if err := p.rules.CheckStart(p.start, ss.s.clock(), p.branch.TimeZone); err != nil {
		return Hold{}, err
	}
	who, err := checkHoldPatient(req.Patient, p.branch, ss.s.clock())
	if err != nil {
		return Hold{}, err
	}
	row, code, err := ss.newHoldRow(p, who, req.Complaint)
	if err != nil {
		return Hold{}, err
	}
	row.Source = visit.SourceWaitlist
	a, err := ss.s.place(ctx, placement{row: row, chairs: p.chairs,
		after: func(ctx context.Context, tx db.Tx, a visit.Visit) error {
			if err := also(ctx, tx, a); err != nil {
				return err
			}
			return ss.afterHeld(ctx, tx, a, p.branch, who, code, *row.HoldCodeHash)
		}})
	if err != nil {
		return Hold{}, err
	}
	return Hold{ID: a.ID, ExpiresAt: a.HoldExpiresAt.In(branchLoc(p.branch)), SendsLeft: MaxCodeSends - 1}, nil
}
