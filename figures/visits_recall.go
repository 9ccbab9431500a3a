package figures

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// dueRecall is a recall that fell due on the day and whether its patient has booked.
type dueRecall struct {
	ID        string    `db:"id"`
	PatientID string    `db:"patient_id"`
	DoctorID  string    `db:"doctor_id"`
	LastVisit time.Time `db:"last_visit_at"`
	FirstName string    `db:"first_name"`
	LastName  string    `db:"last_name"`
	Booked    int64     `db:"booked"`
}

// A booking is a visit made by the day's end that starts after the visit the recall
// follows and still stands or took place (a moved one counts in its new row). The
// doctor is the one of the visit the recall follows.
const sqlDueRecalls = `SELECT r.id, r.patient_id, COALESCE(CAST(f.doctor_id AS TEXT), '') AS doctor_id, r.last_visit_at,
		p.first_name, p.last_name,
		(SELECT COUNT(*) FROM appointments a WHERE a.patient_id = r.patient_id AND a.starts_at > r.last_visit_at
		  AND a.created_at < ? AND a.status IN ('booked', 'confirmed', 'arrived', 'seated', 'completed', 'no_show')) AS booked
	FROM recalls r JOIN patients p ON p.id = r.patient_id
	LEFT JOIN appointments f ON f.id = r.from_appointment_id
	WHERE r.branch_id = ? AND r.due_on = ? AND r.status <> 'dismissed'
	ORDER BY r.patient_id, r.id`

// collectRecalls counts the patients whose recall fell due on the day and which of them
// had booked; a patient with several recalls due that day counts once (as booked if
// any of them is).
func collectRecalls(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var due []dueRecall
	if err := db.Select(ctx, q, &due, sqlDueRecalls, d.End, b.ID, d.Date); err != nil {
		return nil, err
	}
	seen := map[string]int{}
	var out []Fact
	for _, r := range due {
		if i, ok := seen[r.PatientID]; ok {
			out[i].Num = max(out[i].Num, visitHit(r.Booked > 0))
			continue
		}
		seen[r.PatientID] = len(out)
		at := d.Start
		out = append(out, Fact{Figure: "recall_booked_rate", Subject: "recall", SubjectID: r.ID, DoctorID: r.DoctorID,
			Num: visitHit(r.Booked > 0), Den: 1, Label: r.FirstName + " " + r.LastName, At: &at})
	}
	return out, nil
}
