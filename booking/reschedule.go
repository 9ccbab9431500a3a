package booking

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Move is a reschedule request: a new start, and optionally another doctor or chair.
type Move struct {
	Start    time.Time
	DoctorID string
	ChairID  string
	// ByPatient marks a move the patient made through their link.
	ByPatient bool
}

// The old visit is freed before the new one is placed and linked to it after (the link
// is a foreign key, so the new row must exist first).
const (
	markRescheduled = `UPDATE appointments SET status = 'rescheduled', updated_at = ?, sequence = sequence + 1
		WHERE id = ? AND status IN ('booked', 'confirmed')`
	linkRescheduled = `UPDATE appointments SET rescheduled_to = ? WHERE id = ?`
)

// Reschedule replaces a booked or confirmed visit by a new one linked to it, in one
// transaction: the old visit frees its time only if the new one can take its place,
// so a reschedule into a taken time leaves the old visit untouched.
func (s *Service) Reschedule(ctx context.Context, id string, m Move) (visit.Visit, error) {
	old, err := s.Get(ctx, id)
	if err != nil {
		return visit.Visit{}, err
	}
	if old.Status != visit.Booked && old.Status != visit.Confirmed {
		return visit.Visit{}, ErrInvalidTransition
	}
	if m.DoctorID == "" {
		m.DoctorID = old.DoctorID
	}
	p, err := s.planVisit(ctx, old.ServiceID, m.DoctorID, m.ChairID, m.Start)
	if err != nil {
		return visit.Visit{}, err
	}
	row := s.newAppointment(p, visit.Booked, old.Source, old.PatientID)
	row.RescheduledFrom, row.Note, row.Complaint = &old.ID, old.Note, old.Complaint
	row.BookedBy, row.ReferredByDoctor = old.BookedBy, old.ReferredByDoctor
	return s.place(ctx, placement{row: newRow{Visit: row}, chairs: p.chairs,
		before: func(ctx context.Context, tx db.Tx) error { return s.freeOld(ctx, tx, old) },
		after: func(ctx context.Context, tx db.Tx, a visit.Visit) error {
			return s.afterRescheduled(ctx, tx, old, a)
		}})
}

// freeOld marks the old visit rescheduled before the new one is placed; it runs inside
// the placing transaction, so a failed placement rolls it back.
func (s *Service) freeOld(ctx context.Context, tx db.Tx, old visit.Visit) error {
	err := db.ExecOne(ctx, tx, markRescheduled, s.clock(), old.ID)
	if errors.Is(err, db.ErrNotFound) {
		return ErrInvalidTransition
	}
	return err
}

func (s *Service) afterRescheduled(ctx context.Context, tx db.Tx, old, a visit.Visit) error {
	if err := db.Exec(ctx, tx, linkRescheduled, a.ID, old.ID); err != nil {
		return err
	}
	moved := old
	moved.Status, moved.RescheduledTo = visit.Rescheduled, &a.ID
	if err := s.recordChange(ctx, tx, moved, visit.EventRescheduled, old.Status, ""); err != nil {
		return err
	}
	if err := s.recordChange(ctx, tx, a, visit.EventBooked, "", "rescheduled from "+old.ID); err != nil {
		return err
	}
	return s.reminders.Moved(ctx, tx, moved, a)
}
