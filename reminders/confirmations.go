package reminders

import (
	"context"
	"slices"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Confirmations say, per staff source, whether a booking sends the patient its
// confirmation with the manage link; every source does until the owner turns it off.
// Bookings from the widget and the waitlist are confirmed by self-service, which the
// patient waits for (it carries the link to their visit), so they are not listed.
type Confirmations struct {
	Admin     bool `json:"admin"`
	Phone     bool `json:"phone"`
	DoctorApp bool `json:"doctor_app"`
	WalkIn    bool `json:"walk_in"`
}

// bySource is the settings as source → on.
func (c Confirmations) bySource() map[visit.Source]bool {
	return map[visit.Source]bool{visit.SourceAdmin: c.Admin, visit.SourcePhone: c.Phone,
		visit.SourceDoctorApp: c.DoctorApp, visit.SourceWalkIn: c.WalkIn}
}

// Confirmations returns a branch's confirmation settings.
func (s *Service) Confirmations(ctx context.Context, branchID string) (Confirmations, error) {
	if err := s.checkBranch(ctx, branchID); err != nil {
		return Confirmations{}, err
	}
	off, err := s.store.confirmationsOff(ctx, branchID)
	if err != nil {
		return Confirmations{}, err
	}
	on := func(src visit.Source) bool { return !slices.Contains(off, string(src)) }
	return Confirmations{Admin: on(visit.SourceAdmin), Phone: on(visit.SourcePhone),
		DoctorApp: on(visit.SourceDoctorApp), WalkIn: on(visit.SourceWalkIn)}, nil
}

// SetConfirmations stores a branch's confirmation settings, all in one transaction.
func (s *Service) SetConfirmations(ctx context.Context, branchID string, in Confirmations) (Confirmations, error) {
	if err := s.checkBranch(ctx, branchID); err != nil {
		return Confirmations{}, err
	}
	now := s.clock()
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		for src, on := range in.bySource() {
			if err := s.store.saveConfirmation(ctx, tx, branchID, string(src), on, now); err != nil {
				return err
			}
		}
		return nil
	})
	s.seen.forget(branchID)
	return in, err
}

// confirmation is a staff booking's confirmation with the manage link, queued in the
// booking's transaction under the key self-service uses too ("booked:<visit>"), so a
// visit is confirmed once whoever booked it; none when the branch sends none for the
// source or the patient cannot be reached.
func (s *Service) confirmation(ctx context.Context, tx db.Tx, v *plannedVisit, source visit.Source) ([]messaging.Message, error) {
	if !slices.Contains(visit.StaffSources, source) || !v.ConfirmBooking {
		return nil, nil
	}
	return s.notice(ctx, tx, v, "booked:"+v.AppointmentID, messaging.TemplateBookingConfirmation, true)
}
