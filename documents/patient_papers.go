package documents

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// PatientPaper is one of a patient's documents as their card lists it: what it is,
// for which visit, and where it stands.
type PatientPaper struct {
	ID            string     `db:"id"`
	AppointmentID string     `db:"appointment_id"`
	BranchID      string     `db:"branch_id"`
	Kind          string     `db:"kind"`
	Title         string     `db:"title"`
	Status        Status     `db:"status"`
	GeneratedAt   time.Time  `db:"generated_at"`
	SignedAt      *time.Time `db:"signed_at"`
	SupersededAt  *time.Time `db:"superseded_at"`
}

// selectPatientPapers reads a patient's documents without their bytes, newest first;
// voided ones were replaced and are left out.
const selectPatientPapers = `SELECT d.id, d.appointment_id, a.branch_id, d.kind, d.title, d.status, d.generated_at,
	d.signed_at, d.superseded_at
	FROM documents d JOIN appointments a ON a.id = d.appointment_id
	WHERE d.patient_id = ? AND d.status <> 'voided'
	ORDER BY d.generated_at DESC, d.id DESC LIMIT ?`

// PatientPapers lists a patient's documents at the branches the caller may see, for
// the patient card. A signed document replaced by a newer signature shows superseded.
func (s *Service) PatientPapers(ctx context.Context, patientID string, limit int) ([]PatientPaper, error) {
	var all []PatientPaper
	if err := db.Select(ctx, s.db.R, &all, selectPatientPapers, patientID, limit); err != nil {
		return nil, err
	}
	who := actor.From(ctx)
	out := make([]PatientPaper, 0, len(all))
	for _, p := range all {
		if !who.CanSeeBranch(p.BranchID) {
			continue
		}
		if p.Status == Signed && p.SupersededAt != nil {
			p.Status = Superseded
		}
		out = append(out, p)
	}
	return out, nil
}
