package figures

import (
	"context"
	"testing"

	"github.com/google/uuid"
)

const sqlTestClosure = `INSERT INTO branch_closures (id, branch_id, day, created_at) VALUES (?, ?, ?, ?)`

// Around the spring clock change a branch's day is its own 23 hours, the default
// threshold is 24 real hours, a closed day has no open chairs, and the days add up to
// the month.
func TestVisitDaysAcrossTheClockChange(t *testing.T) {
	eachVisitWorld(t, func(t *testing.T, w *visitWorld) {
		p := w.patient("P")
		ahead := w.at("2026-03-20", "10:00")
		w.visit(visitRow{Patient: p, Start: w.at("2026-03-28", "23:30"), Status: "completed", Created: ahead})
		w.visit(visitRow{Patient: p, Start: w.at("2026-03-29", "00:30"), Status: "no_show", Created: ahead})
		// 23.5 real hours before (the wall clock says 24.5): late under the default 24 h.
		w.visit(visitRow{Patient: p, Start: w.at("2026-03-29", "10:00"), Status: "cancelled", CancelledBy: "patient",
			CancelledAt: visitPtr(w.at("2026-03-28", "09:30")), Created: ahead})
		w.visit(visitRow{Patient: p, Start: w.at("2026-03-29", "12:00"), Status: "cancelled", CancelledBy: "clinic",
			CancelledAt: visitPtr(w.at("2026-03-28", "06:00")), Created: ahead})
		w.visit(visitRow{Patient: p, Start: w.at("2026-03-29", "23:30"), Status: "no_show", Created: ahead})
		w.visit(visitRow{Patient: p, Start: w.at("2026-03-30", "00:30"), Status: "no_show", Created: ahead})
		w.exec(sqlTestClosure, uuid.NewString(), w.branch, "2026-03-30", w.now)
		w.setNow(w.at("2026-04-02", "09:00"))
		if _, err := w.s.RebuildRange(context.Background(), w.branch, "2026-03-01", "2026-03-31"); err != nil {
			t.Fatal(err)
		}
		w.wantFigure("no_show_rate", "2026-03-28", 0, 1)
		w.wantFigure("no_show_rate", "2026-03-29", 2, 3)
		w.wantFigure("late_cancel_patient_rate", "2026-03-29", 1, 3)
		w.wantFigure("late_cancel_clinic_rate", "2026-03-29", 0, 3)
		w.wantFigure("no_show_rate", "2026-03-30", 1, 1)
		w.wantFigure("chair_utilisation_used", "2026-03-29", 0, 2*480)
		w.wantFigure("chair_utilisation_used", "2026-03-30", 0, 0)
		wantDaysAddUp(t, w, "no_show_rate", 3, 5)
		// The completed visit at 23:30 is outside opening hours; the 30th is closed.
		wantDaysAddUp(t, w, "chair_utilisation_used", 0, 30*2*480)
	})
}

// wantDaysAddUp checks that March's days sum to March's total, and the total.
func wantDaysAddUp(t *testing.T, w *visitWorld, figure string, num, den int64) {
	t.Helper()
	r, err := w.s.Figures(context.Background(), Query{BranchID: w.branch, From: "2026-03-01", To: "2026-03-31", By: "day"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range r.Figures {
		if s.Name != figure {
			continue
		}
		var n, d int64
		for _, p := range s.Points {
			n, d = n+p.Num, d+p.Den
		}
		if n != s.Total.Num || d != s.Total.Den || n != num || d != den {
			t.Errorf("%s: days add to %d/%d, total %d/%d, want %d/%d", figure, n, d, s.Total.Num, s.Total.Den, num, den)
		}
	}
	if n, d := w.total(figure, "2026-03-01", "2026-03-31", ""); n != num || d != den {
		t.Errorf("%s March %d/%d, want %d/%d", figure, n, d, num, den)
	}
}
