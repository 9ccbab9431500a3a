package figures

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// dayVisit is one visit starting on the day, as attendance reads it.
type dayVisit struct {
	ID          string     `db:"id"`
	DoctorID    string     `db:"doctor_id"`
	Start       time.Time  `db:"starts_at"`
	Status      string     `db:"status"`
	CancelledBy string     `db:"cancelled_by"`
	CancelledAt *time.Time `db:"cancelled_at"`
	ConfirmedAt *time.Time `db:"confirmed_at"`
	CreatedAt   time.Time  `db:"created_at"`
	FirstName   string     `db:"first_name"`
	LastName    string     `db:"last_name"`
}

// Holds never verified and visits moved to another time are not visits of the day: a
// moved visit is counted once, in its new row.
const sqlDayVisits = `SELECT a.id, a.doctor_id, a.starts_at, a.status, a.cancelled_by, a.cancelled_at,
		a.confirmed_at, a.created_at, COALESCE(p.first_name, '') AS first_name, COALESCE(p.last_name, '') AS last_name
	FROM appointments a LEFT JOIN patients p ON p.id = a.patient_id
	WHERE a.branch_id = ? AND a.starts_at >= ? AND a.starts_at < ?
	  AND a.status NOT IN ('held', 'released', 'rescheduled')
	ORDER BY a.starts_at, a.id`

// collectAttendance counts the no-shows, late cancellations and confirmations of the
// visits starting on the day.
func collectAttendance(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	threshold, err := lateCancelThreshold(ctx, q, b.ID)
	if err != nil {
		return nil, err
	}
	var visits []dayVisit
	if err := db.Select(ctx, q, &visits, sqlDayVisits, b.ID, d.Start, d.End); err != nil {
		return nil, err
	}
	var out []Fact
	for _, v := range visits {
		if v.bookedAt(v.Start.Add(-threshold)) {
			out = append(out, v.thresholdFacts(b.Zone)...)
		}
		if v.bookedAt(d.Start) {
			out = append(out, v.fact("confirmation_rate", visitHit(v.confirmedBefore(d.Start)), v.Start, b.Zone))
		}
	}
	return out, nil
}

// bookedAt says the visit had been booked by instant t and was not cancelled by then.
// A visit cancelled exactly at t was no longer booked at it.
func (v dayVisit) bookedAt(t time.Time) bool {
	if v.CreatedAt.After(t) {
		return false
	}
	return v.CancelledAt == nil || v.CancelledAt.After(t)
}

// confirmedBefore says the patient's confirmation was stored before t.
func (v dayVisit) confirmedBefore(t time.Time) bool {
	return v.ConfirmedAt != nil && v.ConfirmedAt.Before(t)
}

// thresholdFacts are the rows of a visit still booked at the threshold: any
// cancellation of it came later, so it is a late one.
func (v dayVisit) thresholdFacts(zone *time.Location) []Fact {
	noShow, cancelled := v.Status == "no_show", v.Status == "cancelled"
	at := v.Start
	if cancelled && v.CancelledAt != nil {
		at = *v.CancelledAt
	}
	return []Fact{
		v.fact("no_show_rate", visitHit(noShow), v.Start, zone),
		v.fact("late_cancel_rate", visitHit(cancelled), at, zone),
		v.fact("late_cancel_patient_rate", visitHit(cancelled && v.CancelledBy == "patient"), at, zone),
		v.fact("late_cancel_clinic_rate", visitHit(cancelled && v.CancelledBy != "patient"), at, zone),
		v.fact("failed_visit_rate", visitHit(noShow || cancelled), at, zone),
	}
}

// fact is the visit's row of one figure: num of 1.
func (v dayVisit) fact(figure string, num int64, at time.Time, zone *time.Location) Fact {
	at = at.UTC()
	return Fact{Figure: figure, Subject: "visit", SubjectID: v.ID, DoctorID: v.DoctorID, Num: num, Den: 1,
		Label: visitLabel(v.FirstName, v.LastName, v.Start, zone), At: &at}
}
