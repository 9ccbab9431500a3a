package booking

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

const insertEvent = `INSERT INTO appointment_events
	(appointment_id, kind, from_status, to_status, actor_kind, staff_id, reason, at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

// recordChange writes the lifecycle event and the audit row of one change, on the
// transaction of the change: subscribers learn of it only if it happened.
func (s *Service) recordChange(ctx context.Context, tx db.Tx, a visit.Visit, kind visit.Kind, from visit.Status, reason string) error {
	who := actor.From(ctx)
	var staffID *string
	if who.StaffID != "" {
		staffID = &who.StaffID
	}
	err := s.store.hot.Later(ctx, tx, insertEvent, a.ID, string(kind), string(from), string(a.Status), string(who.Kind), staffID, reason, s.clock())
	if err != nil {
		return err
	}
	action := audit.Update
	if from == "" {
		action = audit.Create
	}
	patientID := ""
	if a.PatientID != nil {
		patientID = *a.PatientID
	}
	return s.audit.Record(ctx, tx, audit.Entry{Action: action, Entity: "appointment", EntityID: a.ID, PatientID: patientID})
}
