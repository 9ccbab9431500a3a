package figures

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// visitFigures are the visits figures, in the dashboard's order.
var visitFigures = []Definition{
	{Name: "no_show_rate", Group: "visits", Unit: Ratio, Sum: Add, Subject: "visit",
		Text: "No-shows ÷ visits of the day still booked at the branch's late-cancel threshold (24 h unless changed) before their start."},
	{Name: "late_cancel_rate", Group: "visits", Unit: Ratio, Sum: Add, Subject: "visit",
		Text: "Visits cancelled less than the late-cancel threshold before their start ÷ visits of the day still booked at the threshold."},
	{Name: "late_cancel_patient_rate", Group: "visits", Unit: Ratio, Sum: Add, Subject: "visit",
		Text: "Late cancellations made by the patient (reply, link, widget, or the desk on the patient's word) ÷ visits of the day still booked at the threshold."},
	{Name: "late_cancel_clinic_rate", Group: "visits", Unit: Ratio, Sum: Add, Subject: "visit",
		Text: "Late cancellations made by the clinic (staff) ÷ visits of the day still booked at the threshold."},
	{Name: "failed_visit_rate", Group: "visits", Unit: Ratio, Sum: Add, Subject: "visit",
		Text: "No-shows plus late cancellations ÷ visits of the day still booked at the late-cancel threshold."},
	{Name: "confirmation_rate", Group: "visits", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "visit",
		Text: "Visits confirmed by the patient (reply, link or staff call) before the day began ÷ visits due that day (booked before the day and not cancelled before it); a message sent is never a confirmation."},
	{Name: "chair_utilisation_planned", Group: "visits", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "chair",
		Text: "Chair-minutes booked within opening hours ÷ open chair-minutes (each active chair over the branch's opening hours, closed days none), as they stood at the day's first count."},
	{Name: "chair_utilisation_used", Group: "visits", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "chair",
		Text: "Chair-minutes of visits that took place (arrived, seated, completed) within opening hours ÷ open chair-minutes (each active chair over the branch's opening hours)."},
	{Name: "new_patients", Group: "visits", Unit: Count, Sum: Add, HigherIsBetter: true, Subject: "patient",
		Text: "Patients whose first completed visit ever (at any branch) was that day here; each row carries the visit's doctor."},
	{Name: "new_patients_widget", Group: "visits", Unit: Count, Sum: Add, HigherIsBetter: true, Subject: "patient",
		Text: "New patients whose first completed visit was booked from the online widget."},
	{Name: "new_patients_phone", Group: "visits", Unit: Count, Sum: Add, HigherIsBetter: true, Subject: "patient",
		Text: "New patients whose first completed visit was booked by the desk (phone, staff or walk-in)."},
	{Name: "new_patients_doctor_app", Group: "visits", Unit: Count, Sum: Add, HigherIsBetter: true, Subject: "patient",
		Text: "New patients whose first completed visit was booked by the doctor themselves."},
	{Name: "new_patients_referred", Group: "visits", Unit: Count, Sum: Add, HigherIsBetter: true, Subject: "patient",
		Text: "New patients whose first completed visit was referred by another doctor; each row carries the referring doctor."},
	{Name: "recall_booked_rate", Group: "visits", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "recall",
		Text: "Patients whose recall fell due that day who had booked a visit after the one it follows, by the day's end ÷ patients whose recall fell due that day (dismissed recalls left out)."},
	{Name: "retention_12m", Group: "visits", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "patient",
		Text: "Patients with a completed visit here on the same date a year before who completed another visit (any branch) after it, by the end of that day ÷ patients with a completed visit here a year before."},
}

// visitCollectors count the visits figures: the morning's planned chair use is frozen,
// everything else is recounted from the rows.
func (s *Service) visitCollectors() []Collector {
	return []Collector{
		{Name: "visits.attendance", Figures: []string{"no_show_rate", "late_cancel_rate", "late_cancel_patient_rate",
			"late_cancel_clinic_rate", "failed_visit_rate", "confirmation_rate"}, Collect: collectAttendance},
		{Name: "visits.chairs_planned", Figures: []string{"chair_utilisation_planned"}, Frozen: true, Collect: s.collectChairsPlanned},
		{Name: "visits.chairs_used", Figures: []string{"chair_utilisation_used"}, Collect: s.collectChairsUsed},
		{Name: "visits.new_patients", Figures: newPatientFigures, Collect: collectNewPatients},
		{Name: "visits.recall", Figures: []string{"recall_booked_rate"}, Collect: collectRecalls},
		{Name: "visits.retention", Figures: []string{"retention_12m"}, Collect: collectRetention},
	}
}

// defaultLateCancel is the threshold of a branch without booking rules (booking's default
// change window): a visit changed inside it can no longer be changed online.
const defaultLateCancel = 24 * time.Hour

const sqlLateCancelMinutes = `SELECT change_window_minutes FROM booking_rules WHERE branch_id = ?`

// lateCancelThreshold is the branch's change window: cancelling closer to the start than
// this is a late cancellation, and a visit is judged by whether it was booked at it.
func lateCancelThreshold(ctx context.Context, q db.Q, branchID string) (time.Duration, error) {
	var minutes int64
	err := db.Get(ctx, q, &minutes, sqlLateCancelMinutes, branchID)
	if errors.Is(err, db.ErrNotFound) {
		return defaultLateCancel, nil
	}
	return time.Duration(minutes) * time.Minute, err
}

// visitLabel is a row's short text: the patient's name and the local time of the visit.
func visitLabel(first, last string, at time.Time, zone *time.Location) string {
	name := first
	if last != "" {
		name += " " + last
	}
	if name == "" {
		return at.In(zone).Format("15:04")
	}
	return name + " " + at.In(zone).Format("15:04")
}

// visitHit is a row that counts 1 of 1 or 0 of 1.
func visitHit(yes bool) int64 {
	if yes {
		return 1
	}
	return 0
}
