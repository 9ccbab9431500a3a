package booking

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// This file is what the parts of booking (schedule, selfservice, waitlist, widget)
// may use of the core: the clock, reading a row, the one placement path and the
// record of a change. Each runs the same code the core's own calls run.

// Now is the core's clock as stored: UTC, microseconds.
func (s *Service) Now() time.Time { return s.clock() }

// GetIn reads one appointment on q (a transaction or a pool), with no access check:
// the caller has already proved its right to it (a patient's link, a hold id).
func (s *Service) GetIn(ctx context.Context, q db.Q, id string) (visit.Visit, error) {
	return s.store.get(ctx, q, id)
}

// GetManyIn is GetIn for many appointments at once (a relay's batch), in no order;
// an id with no appointment is simply missing from the answer.
func (s *Service) GetManyIn(ctx context.Context, q db.Q, ids []string) ([]visit.Visit, error) {
	return s.store.getMany(ctx, q, ids)
}

// RecordChange writes the lifecycle event and audit row of a change the caller made
// to appointment a on tx; from is the status before ("" for a new appointment).
func (s *Service) RecordChange(ctx context.Context, tx db.Tx, a visit.Visit, kind visit.Kind, from visit.Status, reason string) error {
	return s.recordChange(ctx, tx, a, kind, from, reason)
}

// RecordDecline writes the patient's "not coming" on active visit a and withdraws its
// later reminders, both on tx: a decline never leaves a reminder behind.
func (s *Service) RecordDecline(ctx context.Context, tx db.Tx, a visit.Visit, reason string) error {
	if err := s.recordChange(ctx, tx, a, visit.EventDeclinedByPatient, a.Status, reason); err != nil {
		return err
	}
	return s.reminders.Declined(ctx, tx, a)
}

// PlanReminders plans the reminders of a visit just booked, on tx.
func (s *Service) PlanReminders(ctx context.Context, tx db.Tx, a visit.Visit) error {
	return s.reminders.Planned(ctx, tx, a)
}

// CheckDoctor answers ErrInactive or ErrDoctorNotForService unless the doctor performs
// the active service.
func (s *Service) CheckDoctor(ctx context.Context, serviceID, doctorID string) error {
	dir, err := s.dir.Snapshot(ctx)
	if err != nil {
		return err
	}
	_, err = planWho(ctx, dir, serviceID, doctorID)
	return err
}

// Plan is a checked request for a time, made by PlanVisit: what, who, where, until
// when, and which chairs may take it.
type Plan struct{ p plan }

// Branch is where the planned visit takes place.
func (p Plan) Branch() clinic.Branch { return p.p.branch }

// Rules are the booking rules that apply to the planned visit.
func (p Plan) Rules() Rules { return p.p.rules }

// Start is the planned visit's start, UTC.
func (p Plan) Start() time.Time { return p.p.start }

// PlanVisit checks that the doctor performs the service and works for the whole visit
// from start, that the start is on the branch's grid, and finds the candidate chairs.
func (s *Service) PlanVisit(ctx context.Context, serviceID, doctorID, chairID string, start time.Time) (Plan, error) {
	p, err := s.planVisit(ctx, serviceID, doctorID, chairID, start)
	return Plan{p}, err
}

// NewHeld is a new held appointment for plan p, not yet stored.
func (s *Service) NewHeld(p Plan) visit.Visit {
	return s.newAppointment(p.p, visit.Held, visit.SourceWidget, nil)
}

// PlaceHold stores the hold a (made by NewHeld, with its expiry set) with its code hash
// and patient details through the one non-overlap path, if its doctor and one of the
// plan's chairs are free; after runs last in the placing transaction.
func (s *Service) PlaceHold(ctx context.Context, p Plan, a visit.Visit, codeHash, patient string,
	after func(ctx context.Context, tx db.Tx, a visit.Visit) error) (visit.Visit, error) {
	return s.place(ctx, placement{row: newRow{Visit: a, HoldCodeHash: &codeHash, HoldPatient: &patient},
		chairs: p.p.chairs, after: after})
}
