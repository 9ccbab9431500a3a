package figures

import (
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
)

// history is the scripted day 10 March 2026 (Warsaw, UTC+1) of a branch whose
// late-cancel threshold is 12 h, with the ids the answers name.
type history struct {
	v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, moved string
	p1, p2, p4, p5, p6, p7, p8, p9                 string
	r1, r2                                         string
}

const histDay = "2026-03-10"

func scriptHistory(w *visitWorld) history {
	var h history
	w.exec(sqlTestRules, w.branch, 720, w.now)
	ahead := w.at("2026-03-05", "10:00")
	h.p1, h.p2, h.p4, h.p5 = w.patient("P1"), w.patient("P2"), w.patient("P4"), w.patient("P5")
	h.p6, h.p7, h.p8, h.p9 = w.patient("P6"), w.patient("P7"), w.patient("P8"), w.patient("P9")
	p3 := w.patient("P3")
	// Chair 1: booked ahead, confirmed the evening before, completed; a new patient from the widget.
	h.v1 = w.visit(visitRow{Patient: h.p1, Start: w.at(histDay, "09:00"), Status: "completed", Source: "widget",
		ConfirmedAt: visitPtr(w.at("2026-03-09", "18:00")), Created: ahead})
	// A no-show.
	h.v2 = w.visit(visitRow{Patient: h.p2, Start: w.at(histDay, "10:00"), Status: "no_show", Created: ahead})
	// Confirmed the day before, then cancelled by the patient 3 h before: late.
	h.v3 = w.visit(visitRow{Patient: p3, Start: w.at(histDay, "11:00"), Status: "cancelled", CancelledBy: "patient",
		CancelledAt: visitPtr(w.at(histDay, "08:00")), ConfirmedAt: visitPtr(w.at("2026-03-09", "10:00")), Created: ahead})
	// Cancelled by the clinic 16 h before: outside 12 h, so not booked at the threshold.
	h.v4 = w.visit(visitRow{Patient: h.p4, Start: w.at(histDay, "12:00"), Status: "cancelled", CancelledBy: "clinic",
		CancelledAt: visitPtr(w.at("2026-03-09", "20:00")), Created: ahead})
	// Chair 2: cancelled by the clinic 7 h before: late.
	h.v5 = w.visit(visitRow{Patient: h.p5, Chair: w.chair2, Start: w.at(histDay, "13:00"), Status: "cancelled",
		CancelledBy: "clinic", CancelledAt: visitPtr(w.at(histDay, "06:00")), Created: ahead})
	// Booked on the day by phone, completed: new, referred by doctor B; not counted at the threshold.
	h.v6 = w.visit(visitRow{Patient: h.p6, Chair: w.chair2, Start: w.at(histDay, "14:00"), Status: "completed",
		Source: "phone", ReferredBy: w.doctorB, Created: w.at(histDay, "07:00")})
	// Booked at 23:30 the evening before (after its 21:00 threshold), confirmed on the day.
	h.v7 = w.visit(visitRow{Patient: h.p7, Chair: w.chair2, Doctor: w.doctorB, Start: w.at(histDay, "09:00"),
		End: w.at(histDay, "10:00"), Status: "completed", ConfirmedAt: visitPtr(w.at(histDay, "07:00")),
		Created: w.at("2026-03-09", "23:30")})
	// A hold never verified.
	h.v8 = w.visit(visitRow{Patient: h.p8, Doctor: w.doctorB, Start: w.at(histDay, "15:00"), Status: "held", Created: ahead})
	// Cancelled exactly 12 h before (03:00 on the day): not booked at the threshold, but
	// due at the day's start.
	h.v9 = w.visit(visitRow{Patient: h.p8, Start: w.at(histDay, "15:00"), Status: "cancelled", CancelledBy: "patient",
		CancelledAt: visitPtr(w.at(histDay, "03:00")), Created: ahead})
	// Half inside opening hours, booked by the doctor themselves, a new patient.
	h.v10 = w.visit(visitRow{Patient: h.p9, Chair: w.chair2, Doctor: w.doctorB, Start: w.at(histDay, "15:45"),
		Status: "completed", Source: "doctor_app", Created: ahead})
	// Moved to another time: counted in its new row only (none here).
	h.moved = w.visit(visitRow{Patient: h.p9, Start: w.at(histDay, "13:00"), Status: "rescheduled", Created: ahead})
	// The next local day starts at 23:00 UTC: a visit at 00:30 on 11 March is not the 10th's.
	w.visit(visitRow{Patient: h.p2, Start: w.at("2026-03-11", "00:30"), Status: "no_show", Created: ahead})
	scriptPast(w, &h, p3)
	return h
}

// scriptPast is what came before: P7's completed visit last November, the visits of
// 10 March 2025 (the retention base) and the recalls due on the day.
func scriptPast(w *visitWorld, h *history, p3 string) {
	old := w.at("2025-01-01", "10:00")
	w.visit(visitRow{Patient: h.p7, Start: w.at("2025-11-30", "10:00"), Status: "completed", Created: old})
	w.visit(visitRow{Patient: h.p7, Start: w.at("2025-03-10", "10:00"), Status: "completed", Created: old})
	w.visit(visitRow{Patient: h.p2, Start: w.at("2025-03-10", "11:00"), Status: "completed", Created: old})
	w.visit(visitRow{Patient: h.p2, Start: w.at("2025-03-10", "12:00"), Status: "completed", Created: old})
	// 00:30 on 11 March 2025 is 23:30 UTC on the 10th: not the base day.
	w.visit(visitRow{Patient: p3, Start: w.at("2025-03-11", "00:30"), Status: "completed", Created: old})
	from4 := w.visit(visitRow{Patient: h.p4, Start: w.at("2025-09-10", "10:00"), Status: "completed", Created: old})
	from5 := w.visit(visitRow{Patient: h.p5, Start: w.at("2025-09-10", "11:00"), Status: "completed", Created: old})
	from8 := w.visit(visitRow{Patient: h.p8, Start: w.at("2025-09-10", "12:00"), Status: "completed", Created: old})
	// P4 booked next week during the day; P5 only the day after.
	w.visit(visitRow{Patient: h.p4, Start: w.at("2026-03-17", "10:00"), Created: w.at(histDay, "12:00")})
	w.visit(visitRow{Patient: h.p5, Start: w.at("2026-03-18", "10:00"), Created: w.at("2026-03-11", "09:00")})
	h.r1 = w.recall(h.p4, from4, w.at("2025-09-10", "10:00"), "due")
	h.r2 = w.recall(h.p5, from5, w.at("2025-09-10", "11:00"), "messaged")
	w.recall(h.p8, from8, w.at("2025-09-10", "12:00"), "dismissed")
}

// recall stores a patient's recall due on the history day after the visit from, which
// started at last.
func (w *visitWorld) recall(patient, from string, last time.Time, status string) string {
	id := uuid.NewString()
	w.exec(sqlTestRecall, id, patient, w.service, w.branch, histDay, last, from, status, w.now, w.now)
	return id
}

// Every visits figure of the scripted day has its known answer, and the rows behind
// each are exactly the subjects counted.
func TestVisitFiguresOfAScriptedDay(t *testing.T) {
	eachVisitWorld(t, func(t *testing.T, w *visitWorld) {
		h := scriptHistory(w)
		w.setNow(w.at("2026-03-12", "09:00"))
		w.rebuild(histDay)
		w.wantFigure("no_show_rate", histDay, 1, 5)
		w.wantFigure("late_cancel_rate", histDay, 2, 5)
		w.wantFigure("late_cancel_patient_rate", histDay, 1, 5)
		w.wantFigure("late_cancel_clinic_rate", histDay, 1, 5)
		w.wantFigure("failed_visit_rate", histDay, 3, 5)
		w.wantFigure("confirmation_rate", histDay, 2, 7)
		w.wantFigure("chair_utilisation_used", histDay, 30+105, 2*480)
		w.wantFigure("chair_utilisation_planned", histDay, 0, 0)
		w.wantFigure("new_patients", histDay, 3, 3)
		w.wantFigure("new_patients_widget", histDay, 1, 1)
		w.wantFigure("new_patients_phone", histDay, 1, 1)
		w.wantFigure("new_patients_doctor_app", histDay, 1, 1)
		w.wantFigure("new_patients_referred", histDay, 1, 1)
		w.wantFigure("recall_booked_rate", histDay, 1, 2)
		w.wantFigure("retention_12m", histDay, 1, 2)
		wantVisitRows(t, w, "failed_visit_rate", map[string]bool{h.v1: false, h.v2: true, h.v3: true, h.v5: true, h.v10: false})
		wantVisitRows(t, w, "late_cancel_patient_rate", map[string]bool{h.v1: false, h.v2: false, h.v3: true, h.v5: false, h.v10: false})
		wantVisitRows(t, w, "confirmation_rate", map[string]bool{h.v1: true, h.v2: false, h.v3: true, h.v5: false, h.v7: false, h.v9: false, h.v10: false})
		wantVisitRows(t, w, "chair_utilisation_used", map[string]bool{w.chair1: true, w.chair2: true})
		wantVisitRows(t, w, "new_patients", map[string]bool{h.p1: true, h.p6: true, h.p9: true})
		wantVisitRows(t, w, "new_patients_referred", map[string]bool{h.p6: true})
		wantVisitRows(t, w, "recall_booked_rate", map[string]bool{h.r1: true, h.r2: false})
		wantVisitRows(t, w, "retention_12m", map[string]bool{h.p7: true, h.p2: false})
		if n, d := w.total("new_patients_referred", histDay, histDay, w.doctorB); n != 1 || d != 1 {
			t.Errorf("referred by doctor B: %d/%d, want the row under the referring doctor", n, d)
		}
		if n, d := w.total("no_show_rate", histDay, histDay, w.doctorA); n != 1 || d != 4 {
			t.Errorf("doctor A's no-shows %d/%d, want 1/4", n, d)
		}
	})
}

func wantVisitRows(t *testing.T, w *visitWorld, figure string, counted map[string]bool) {
	t.Helper()
	if got, want := w.rows(figure, histDay, histDay), visitMarked(counted); !slices.Equal(got, want) {
		t.Errorf("%s rows %v, want %v", figure, got, want)
	}
}
