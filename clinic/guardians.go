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

const insertGuardian = `INSERT INTO patient_guardians (patient_id, guardian_id, relation, created_at) VALUES (?, ?, ?, ?)
	ON CONFLICT (patient_id, guardian_id) DO UPDATE SET relation = excluded.relation`

// Relations a guardian may have to the patient (the questionnaire's codes).
var GuardianRelations = []string{"mother", "father", "guardian"}

// AddGuardian records that guardianID (a parent's card) speaks for patientID (a
// child's) as relation (mother, father, guardian; may be empty): the parent's phone
// then finds the child when it rings, and the child's papers name the parent. Adding
// it again only sets the relation.
func (s *Service) AddGuardian(ctx context.Context, patientID, guardianID, relation string) error {
	patientID, guardianID = strings.ToLower(patientID), strings.ToLower(guardianID)
	if patientID == guardianID {
		return ErrGuardianSelf
	}
	return s.db.InTx(ctx, func(tx db.Tx) error {
		if err := s.bothVisible(ctx, tx, patientID, guardianID); err != nil {
			return err
		}
		if err := db.Exec(ctx, tx, insertGuardian, patientID, guardianID, relation, s.clock()); err != nil {
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

// Guardian is a patient's guardian: their own card and how they are related.
type Guardian struct {
	Patient  Patient
	Relation string
}

type guardianRow struct {
	GuardianID string `db:"guardian_id"`
	Relation   string `db:"relation"`
}

const selectGuardians = `SELECT guardian_id, relation FROM patient_guardians WHERE patient_id = ?
	ORDER BY created_at, guardian_id`

// Guardians lists a patient's guardians, first named first; the guardians' cards are
// read with the child's, whatever branch they are at (a parent signs for the child).
func (s *Service) Guardians(ctx context.Context, patientID string) ([]Guardian, error) {
	patientID = strings.ToLower(patientID)
	if _, err := s.visiblePatient(ctx, s.db.R, patientID); err != nil {
		return nil, err
	}
	var rows []guardianRow
	if err := db.Select(ctx, s.db.R, &rows, selectGuardians, patientID); err != nil {
		return nil, err
	}
	out := make([]Guardian, 0, len(rows))
	for _, r := range rows {
		sp, err := selectPatient(ctx, s.db.R, r.GuardianID)
		if err != nil {
			return nil, err
		}
		out = append(out, Guardian{Patient: sp.Patient, Relation: r.Relation})
	}
	return out, nil
}
