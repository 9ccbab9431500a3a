package booking

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// selectPatientHistory is a patient's visits, newest start first, holds and released
// holds left out (they were never the patient's visit).
const selectPatientHistory = `SELECT ` + AppointmentColumns + ` FROM appointments
	WHERE patient_id = ? AND status NOT IN ('held', 'released')
	ORDER BY starts_at DESC, id DESC LIMIT ?`

// PatientHistory lists a patient's visits at the branches the caller may see, split
// into those still to come (soonest first) and those past (newest first), for the
// patient card. limit bounds how many are read.
func (s *Service) PatientHistory(ctx context.Context, patientID string, now time.Time, limit int) (coming, past []visit.Visit, err error) {
	var all []visit.Visit
	if err := db.Select(ctx, s.db.R, &all, selectPatientHistory, patientID, limit); err != nil {
		return nil, nil, err
	}
	who := actor.From(ctx)
	for _, v := range all {
		switch {
		case !who.CanSeeBranch(v.BranchID):
		case v.End.After(now):
			coming = append([]visit.Visit{v}, coming...)
		default:
			past = append(past, v)
		}
	}
	return coming, past, nil
}
