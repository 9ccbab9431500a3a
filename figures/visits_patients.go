package figures

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// newPatientFigures are made by one collector from the same first visits.
var newPatientFigures = []string{"new_patients", "new_patients_widget", "new_patients_phone",
	"new_patients_doctor_app", "new_patients_referred"}

// firstVisit is a patient's first completed visit ever.
type firstVisit struct {
	ID         string    `db:"id"`
	PatientID  string    `db:"patient_id"`
	DoctorID   string    `db:"doctor_id"`
	Source     string    `db:"source"`
	ReferredBy string    `db:"referred_by"`
	Start      time.Time `db:"starts_at"`
	FirstName  string    `db:"first_name"`
	LastName   string    `db:"last_name"`
}

// A completed visit of the day with no completed visit of the patient before it (at
// any branch; the same start broken by id, so two at once count once).
const sqlFirstVisits = `SELECT a.id, a.patient_id, a.doctor_id, a.source,
		COALESCE(CAST(a.referred_by_doctor AS TEXT), '') AS referred_by, a.starts_at, p.first_name, p.last_name
	FROM appointments a JOIN patients p ON p.id = a.patient_id
	WHERE a.branch_id = ? AND a.status = 'completed' AND a.starts_at >= ? AND a.starts_at < ?
	  AND NOT EXISTS (SELECT 1 FROM appointments e WHERE e.patient_id = a.patient_id AND e.status = 'completed'
	    AND (e.starts_at < a.starts_at OR (e.starts_at = a.starts_at AND e.id < a.id)))
	ORDER BY a.starts_at, a.id`

// collectNewPatients counts the patients whose first completed visit was on the day, by
// how that visit was booked.
func collectNewPatients(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var firsts []firstVisit
	if err := db.Select(ctx, q, &firsts, sqlFirstVisits, b.ID, d.Start, d.End); err != nil {
		return nil, err
	}
	var out []Fact
	for _, v := range firsts {
		out = append(out, v.fact("new_patients", v.DoctorID, b.Zone))
		if figure := sourceFigure(v.Source); figure != "" {
			out = append(out, v.fact(figure, v.DoctorID, b.Zone))
		}
		if v.ReferredBy != "" {
			out = append(out, v.fact("new_patients_referred", v.ReferredBy, b.Zone))
		}
	}
	return out, nil
}

// sourceFigure is the figure a first visit's booking source counts in: the desk books by
// phone, at the desk or for a walk-in; a waitlist offer taken counts in none.
func sourceFigure(source string) string {
	switch source {
	case "widget":
		return "new_patients_widget"
	case "phone", "admin", "walk_in":
		return "new_patients_phone"
	case "doctor_app":
		return "new_patients_doctor_app"
	}
	return ""
}

// fact is the patient's row of one figure, carrying doctor.
func (v firstVisit) fact(figure, doctor string, zone *time.Location) Fact {
	at := v.Start.UTC()
	return Fact{Figure: figure, Subject: "patient", SubjectID: v.PatientID, DoctorID: doctor, Num: 1, Den: 1,
		Label: visitLabel(v.FirstName, v.LastName, v.Start, zone), At: &at}
}

// baseVisit is a completed visit a year before and whether the patient came back.
type baseVisit struct {
	PatientID string    `db:"patient_id"`
	DoctorID  string    `db:"doctor_id"`
	Start     time.Time `db:"starts_at"`
	FirstName string    `db:"first_name"`
	LastName  string    `db:"last_name"`
	Returns   int64     `db:"returns"`
}

// The base day's completed visits here, each with the patient's completed visits (any
// branch) after the base day up to the end of the counted day.
const sqlRetention = `SELECT a.patient_id, a.doctor_id, a.starts_at, p.first_name, p.last_name,
		(SELECT COUNT(*) FROM appointments r WHERE r.patient_id = a.patient_id AND r.status = 'completed'
		  AND r.starts_at >= ? AND r.starts_at < ?) AS returns
	FROM appointments a JOIN patients p ON p.id = a.patient_id
	WHERE a.branch_id = ? AND a.status = 'completed' AND a.starts_at >= ? AND a.starts_at < ?
	ORDER BY a.starts_at, a.id`

// collectRetention counts, on the day, the patients seen here on the same date a year
// before and whether they completed another visit since. 29 February has no date a year
// before (it would fall on 1 March, counted on 1 March already).
func collectRetention(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	local := d.Start.In(d.Zone)
	before := local.AddDate(-1, 0, 0)
	if before.Month() != local.Month() {
		return nil, nil
	}
	base, err := DayOf(before.Format(time.DateOnly), d.Zone)
	if err != nil {
		return nil, err
	}
	var visits []baseVisit
	if err := db.Select(ctx, q, &visits, sqlRetention, base.End, d.End, b.ID, base.Start, base.End); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []Fact
	for _, v := range visits {
		if seen[v.PatientID] {
			continue
		}
		seen[v.PatientID] = true
		at := v.Start.UTC()
		out = append(out, Fact{Figure: "retention_12m", Subject: "patient", SubjectID: v.PatientID, DoctorID: v.DoctorID,
			Num: visitHit(v.Returns > 0), Den: 1, Label: visitLabel(v.FirstName, v.LastName, v.Start, d.Zone), At: &at})
	}
	return out, nil
}
