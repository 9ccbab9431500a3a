package clinic

import (
	"context"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// ErrGuardianSelf refuses a patient named as their own guardian.
var ErrGuardianSelf = fault.Field("guardian_id", "self", "a patient cannot be their own guardian")

const insertGuardian = `INSERT INTO patient_guardians (patient_id, guardian_id, created_at) VALUES (?, ?, ?)
	ON CONFLICT (patient_id, guardian_id) DO NOTHING`

// AddGuardian records that guardianID (a parent's card) speaks for patientID (a
// child's): the parent's phone then finds the child when it rings. Adding it again
// changes nothing.
func (s *Service) AddGuardian(ctx context.Context, patientID, guardianID string) error {
	patientID, guardianID = strings.ToLower(patientID), strings.ToLower(guardianID)
	if patientID == guardianID {
		return ErrGuardianSelf
	}
	return s.db.InTx(ctx, func(tx db.Tx) error {
		if err := s.bothVisible(ctx, tx, patientID, guardianID); err != nil {
			return err
		}
		if err := db.Exec(ctx, tx, insertGuardian, patientID, guardianID, s.clock()); err != nil {
			return err
		}
		return s.log.Record(ctx, tx, patientEntry(audit.Update, patientID))
	})
}

const deleteGuardian = `DELETE FROM patient_guardians WHERE patient_id = ? AND guardian_id = ?`

// RemoveGuardian ends a guardianship (the child came of age, a card was wrong).
func (s *Service) RemoveGuardian(ctx context.Context, patientID, guardianID string) error {
	patientID, guardianID = strings.ToLower(patientID), strings.ToLower(guardianID)
	return s.db.InTx(ctx, func(tx db.Tx) error {
		if _, err := s.visiblePatient(ctx, tx, patientID); err != nil {
			return err
		}
		if err := db.ExecOne(ctx, tx, deleteGuardian, patientID, guardianID); err != nil {
			return notFound(err, ErrNotGuardian)
		}
		return s.log.Record(ctx, tx, patientEntry(audit.Update, patientID))
	})
}

// ErrNotGuardian answers a guardianship that is not recorded.
var ErrNotGuardian = fault.New(fault.NotFound, "guardian_not_found", "this patient has no such guardian")

func (s *Service) bothVisible(ctx context.Context, q db.Q, patientID, guardianID string) error {
	if _, err := s.visiblePatient(ctx, q, patientID); err != nil {
		return err
	}
	if _, err := s.visiblePatient(ctx, q, guardianID); err != nil {
		return fault.Field("guardian_id", "not_found", "no patient has this id")
	}
	return nil
}
