package booking

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// selectNextVisit is the patient's next visit still to come (booked to seated).
const selectNextVisit = `SELECT ` + AppointmentColumns + ` FROM appointments
	WHERE patient_id = ? AND status IN ('booked', 'confirmed', 'arrived', 'seated') AND ends_at > ?
	ORDER BY starts_at LIMIT 1`

// selectLastVisit is the patient's latest completed visit.
const selectLastVisit = `SELECT ` + AppointmentColumns + ` FROM appointments
	WHERE patient_id = ? AND status = 'completed' ORDER BY starts_at DESC LIMIT 1`

// PatientVisits returns a patient's next visit to come and latest completed one (nil
// where there is none), for the caller's card the front desk sees when the phone rings.
func (s *Service) PatientVisits(ctx context.Context, patientID string, now time.Time) (next, last *visit.Visit, err error) {
	if next, err = s.oneVisit(ctx, selectNextVisit, patientID, now.UTC()); err != nil {
		return nil, nil, err
	}
	last, err = s.oneVisit(ctx, selectLastVisit, patientID)
	return next, last, err
}

func (s *Service) oneVisit(ctx context.Context, query string, args ...any) (*visit.Visit, error) {
	var v visit.Visit
	err := db.Get(ctx, s.db.R, &v, query, args...)
	if errors.Is(err, db.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &v, nil
}
