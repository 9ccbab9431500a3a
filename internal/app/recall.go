package app

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
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

// recallOptOuts fills recall's OptOuts port with messaging's reading of its consent
// ledger, the one the dispatcher goes by.
type recallOptOuts struct{ m *messaging.Service }

// OptedOut tells which of the addresses the newest word about says opted out.
func (o recallOptOuts) OptedOut(ctx context.Context, list []recall.Address) (map[recall.Address]bool, error) {
	asked := make([]messaging.Address, len(list))
	for i, a := range list {
		asked[i] = messaging.Address(a)
	}
	out, err := o.m.OptedOutOf(ctx, asked)
	if err != nil {
		return nil, err
	}
	said := make(map[recall.Address]bool, len(out))
	for a, opted := range out {
		said[recall.Address(a)] = opted
	}
	return said, nil
}
