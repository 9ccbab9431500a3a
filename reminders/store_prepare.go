package reminders

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// selectFacts is selectVisit for a visit not yet stored, by the ids it will carry.
const selectFacts = `SELECT b.id AS branch_id, COALESCE(p.phone, '') AS phone, COALESCE(p.email, '') AS email,
	COALESCE(p.locale, b.locale) AS locale, b.name AS clinic, b.phone AS branch_phone, b.time_zone,
	s.names AS service_names, d.display_name AS doctor, rs.settings, b.address,
	COALESCE((SELECT bc.enabled FROM booking_confirmations bc
		WHERE bc.branch_id = b.id AND bc.source = ?), TRUE) AS confirm_booking
	FROM branches b
	JOIN services s ON s.id = ?
	JOIN doctors d ON d.id = ?
	LEFT JOIN patients p ON p.id = ?
	LEFT JOIN reminder_settings rs ON rs.branch_id = b.id
	WHERE b.id = ?`

// facts reads what planning needs to know of visit a, about to be booked, on a reader.
func (s store) facts(ctx context.Context, a visit.Visit) (plannedVisit, error) {
	var v plannedVisit
	err := db.Get(ctx, s.db.R, &v, selectFacts, a.Source, a.ServiceID, a.DoctorID, a.PatientID, a.BranchID)
	v.AppointmentID, v.PatientID, v.Status, v.StartsAt, v.EndsAt = a.ID, a.PatientID, string(a.Status), a.Start, a.End
	v.source = a.Source
	return v, err
}

// selectRules is what of a visit's facts may change its plans: the branch's reminder
// rules and whether it confirms bookings from the visit's source.
const selectRules = `SELECT COALESCE((SELECT settings FROM reminder_settings WHERE branch_id = ?), '') AS settings,
	COALESCE((SELECT enabled FROM booking_confirmations WHERE branch_id = ? AND source = ?), TRUE) AS confirm_booking`

// rulesAsRead tells on tx whether the branch's rules are still those v was read with.
func (s store) rulesAsRead(ctx context.Context, tx db.Tx, v plannedVisit) (bool, error) {
	var now struct {
		Settings       string `db:"settings"`
		ConfirmBooking bool   `db:"confirm_booking"`
	}
	if err := s.hot.Get(ctx, tx, &now, selectRules, v.BranchID, v.BranchID, v.source); err != nil {
		return false, err
	}
	read := ""
	if v.Settings != nil {
		read = *v.Settings
	}
	return now.Settings == read && now.ConfirmBooking == v.ConfirmBooking, nil
}
