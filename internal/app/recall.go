package app

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/reviews/recall"
)

// recallBookings fills recall's Bookings port with a read of booking's appointments:
// recall may not import booking, and booking has no batch question for it.
type recallBookings struct{ d *db.DB }

// selectUpcomingServices lists the services of patients' active visits still to come.
const selectUpcomingServices = `SELECT DISTINCT patient_id, service_id FROM appointments
	WHERE patient_id IN (?) AND status IN ('booked', 'confirmed', 'arrived', 'seated') AND ends_at > ?`

// Upcoming maps each patient with a visit still to come to the services booked.
func (b recallBookings) Upcoming(ctx context.Context, patientIDs []string, after time.Time) (map[string][]string, error) {
	query, args, err := sqlx.In(selectUpcomingServices, patientIDs, after.UTC())
	if err != nil {
		return nil, err
	}
	var rows []struct {
		PatientID string `db:"patient_id"`
		ServiceID string `db:"service_id"`
	}
	if err := db.Select(ctx, b.d.R, &rows, query, args...); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, r := range rows {
		out[r.PatientID] = append(out[r.PatientID], r.ServiceID)
	}
	return out, nil
}

// recallOptOuts fills recall's OptOuts port from messaging's consent ledger, as the
// dispatcher reads it: the newest row about the medium and address, or about the
// medium and patient, decides.
type recallOptOuts struct{ d *db.DB }

const selectConsentRows = `SELECT id, patient_id, address, medium, opted_out, at FROM consent_ledger
	WHERE address IN (?) OR patient_id IN (?)`

type consentRow struct {
	ID        string    `db:"id"`
	PatientID *string   `db:"patient_id"`
	Address   string    `db:"address"`
	Medium    string    `db:"medium"`
	OptedOut  bool      `db:"opted_out"`
	At        time.Time `db:"at"`
}

// OptedOut tells which of the addresses the newest word about says opted out.
func (o recallOptOuts) OptedOut(ctx context.Context, list []recall.Address) (map[recall.Address]bool, error) {
	addrs, patients := make([]string, 0, len(list)), make([]string, 0, len(list))
	for _, a := range list {
		addrs, patients = append(addrs, a.Address), append(patients, a.PatientID)
	}
	query, args, err := sqlx.In(selectConsentRows, addrs, patients)
	if err != nil {
		return nil, err
	}
	var rows []consentRow
	if err := db.Select(ctx, o.d.R, &rows, query, args...); err != nil {
		return nil, err
	}
	out := map[recall.Address]bool{}
	for _, a := range list {
		if newest := newestAbout(rows, a); newest != nil && newest.OptedOut {
			out[a] = true
		}
	}
	return out, nil
}

// newestAbout is the newest ledger row about a's medium and address or patient.
func newestAbout(rows []consentRow, a recall.Address) *consentRow {
	var best *consentRow
	for i, r := range rows {
		about := r.Medium == a.Medium && (r.Address == a.Address || r.PatientID != nil && *r.PatientID == a.PatientID)
		if about && (best == nil || r.At.After(best.At) || r.At.Equal(best.At) && r.ID > best.ID) {
			best = &rows[i]
		}
	}
	return best
}
