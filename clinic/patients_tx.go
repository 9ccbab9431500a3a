package clinic

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// PatientTx reads a live card on q for a feature that has already decided who may see
// it (a patient's own questionnaire link); it writes no audit row, the caller does.
func (s *Service) PatientTx(ctx context.Context, q db.Q, id string) (Patient, error) {
	sp, err := selectPatient(ctx, q, id)
	if err != nil {
		return Patient{}, notFound(err, ErrPatientNotFound)
	}
	if sp.MergedInto != "" {
		return Patient{}, ErrPatientMerged(sp.MergedInto)
	}
	return sp.Patient, nil
}

// PatientsTx is PatientTx for many cards in one read, by id; as PatientTx, a card
// missing (ErrPatientNotFound) or merged away fails the whole read.
func (s *Service) PatientsTx(ctx context.Context, q db.Q, ids []string) (map[string]Patient, error) {
	sps, err := selectPatients(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Patient, len(sps))
	for _, sp := range sps {
		if sp.MergedInto != "" {
			return nil, ErrPatientMerged(sp.MergedInto)
		}
		out[sp.ID] = sp.Patient
	}
	for _, id := range ids {
		if _, ok := out[id]; !ok {
			return nil, ErrPatientNotFound
		}
	}
	return out, nil
}

// UpdatePatientTx changes the fields patch sets inside the caller's transaction, so a
// card changes together with what caused it (a submitted questionnaire). The caller
// has checked access; the card's rules and the audit row are the same as UpdatePatient's.
func (s *Service) UpdatePatientTx(ctx context.Context, tx db.Tx, id string, patch PatientPatch) (Patient, error) {
	p, err := s.PatientTx(ctx, tx, id)
	if err != nil {
		return Patient{}, err
	}
	applyPatientPatch(&p, patch)
	var branch Branch
	if p.HomeBranchID != "" {
		if branch, err = selectBranch(ctx, tx, p.HomeBranchID); err != nil {
			return Patient{}, err
		}
	}
	p.UpdatedAt = s.clock()
	if err := preparePatient(&p, branch, p.UpdatedAt); err != nil {
		return Patient{}, err
	}
	return p, s.audited(ctx, tx, audit.Update, id, duplicate(updatePatient(ctx, tx, p)))
}
