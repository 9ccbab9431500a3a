package reminders

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Planned confirms a newly booked visit to its patient (see confirm) and plans its
// reminders at version 1. A visit planned before is left alone, so planning twice
// writes the same rows once.
func (s *Service) Planned(ctx context.Context, tx db.Tx, a visit.Visit) error {
	v, err := s.store.visit(ctx, tx, a.ID)
	if err != nil || v.Version > 0 {
		return err
	}
	confirmation, err := s.confirmation(ctx, tx, &v, a.Source)
	if err != nil {
		return err
	}
	return s.plan(ctx, tx, &v, 1, confirmation...)
}

// Moved cancels the old visit's pending reminders, plans the new visit's at the next
// version, and tells the patient the new time.
func (s *Service) Moved(ctx context.Context, tx db.Tx, old, moved visit.Visit) error {
	prev, err := s.withdraw(ctx, tx, old.ID)
	if err != nil {
		return err
	}
	v, err := s.store.visit(ctx, tx, moved.ID)
	if err != nil {
		return err
	}
	if err := s.plan(ctx, tx, &v, max(prev.Version, v.Version)+1); err != nil {
		return err
	}
	return s.notify(ctx, tx, &v, "moved:"+moved.ID, messaging.TemplateBookingMoved, true)
}

// Cancelled cancels the visit's pending reminders and tells the patient; the notice
// gives the branch's phone to book again, since the visit's link has nothing to manage.
func (s *Service) Cancelled(ctx context.Context, tx db.Tx, a visit.Visit) error {
	v, err := s.withdraw(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	return s.notify(ctx, tx, &v, "cancelled:"+a.ID, messaging.TemplateBookingCancelled, false)
}

// Confirmed re-plans the visit at the next version: the patient has answered, so the
// reminders still to come only remind.
func (s *Service) Confirmed(ctx context.Context, tx db.Tx, a visit.Visit) error {
	v, err := s.withdraw(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	v.Status = string(visit.Confirmed)
	return s.plan(ctx, tx, &v, v.Version+1)
}

// Declined withdraws the visit's pending reminders: the patient is not coming, and the
// front desk calls them (the visit stays until someone cancels or moves it).
func (s *Service) Declined(ctx context.Context, tx db.Tx, a visit.Visit) error {
	_, err := s.withdraw(ctx, tx, a.ID)
	return err
}

// withdraw cancels a visit's pending reminder messages and plans, returning the visit.
func (s *Service) withdraw(ctx context.Context, tx db.Tx, appointmentID string) (plannedVisit, error) {
	v, err := s.store.visit(ctx, tx, appointmentID)
	if err != nil {
		return v, err
	}
	if _, err := s.outbox.CancelPending(ctx, tx, appointmentID, KeyPrefix(appointmentID)); err != nil {
		return v, err
	}
	return v, s.store.cancel(ctx, tx, appointmentID, s.clock())
}

// notify queues a notice about the visit under key, now.
func (s *Service) notify(ctx context.Context, tx db.Tx, v *plannedVisit, key, template string, withLink bool) error {
	m, err := s.notice(ctx, tx, v, key, template, withLink)
	if err != nil || len(m) == 0 {
		return err
	}
	return s.outbox.Enqueue(ctx, tx, m[0])
}

// notice is the notice about the visit under key, none when the patient cannot be
// reached.
func (s *Service) notice(ctx context.Context, tx db.Tx, v *plannedVisit, key, template string, withLink bool) ([]messaging.Message, error) {
	if !reachable(*v) {
		return nil, nil
	}
	data, err := s.messageData(ctx, tx, v, withLink)
	if err != nil {
		return nil, err
	}
	return []messaging.Message{s.message(*v, key, template, data)}, nil
}
