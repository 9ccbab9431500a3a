package figures

import (
	"context"
	"testing"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// The planned use is the morning's: later cancellations, bookings, completions and a
// change of opening hours the same day leave it as it was, while the used share is
// recounted from the rows and the hours as they stand.
func TestPlannedChairUseIsTheMorningsBaseline(t *testing.T) {
	eachVisitWorld(t, func(t *testing.T, w *visitWorld) {
		p := w.patient("P")
		ahead := w.at("2026-03-01", "10:00")
		a := w.visit(visitRow{Patient: p, Start: w.at(histDay, "09:00"), End: w.at(histDay, "10:00"), Created: ahead})
		b := w.visit(visitRow{Patient: p, Doctor: w.doctorB, Start: w.at(histDay, "10:00"), End: w.at(histDay, "11:00"), Created: ahead})
		w.setNow(w.at(histDay, "06:00"))
		w.rebuild(histDay)
		w.wantFigure("chair_utilisation_planned", histDay, 120, 2*480)
		wantChair(t, w, "chair_utilisation_planned", w.chair1, 120, 480)
		w.wantFigure("chair_utilisation_used", histDay, 0, 2*480)

		w.exec(sqlTestCancel, w.at(histDay, "07:00"), a)
		w.exec(sqlTestStatus, "completed", b)
		w.visit(visitRow{Patient: p, Chair: w.chair2, Start: w.at(histDay, "11:00"), Status: "completed", Created: w.at(histDay, "08:00")})
		short := clinic.OpeningHours{}
		for _, day := range clinic.Weekdays {
			short[day] = []clinic.Interval{{Open: "08:00", Close: "12:00"}}
		}
		if _, err := w.dir.UpdateBranch(context.Background(), w.branch, clinic.BranchPatch{Hours: &short}); err != nil {
			t.Fatal(err)
		}
		w.setNow(w.at(histDay, "15:00"))
		w.rebuild(histDay)
		w.wantFigure("chair_utilisation_planned", histDay, 120, 2*480)
		wantChair(t, w, "chair_utilisation_planned", w.chair2, 0, 480)
		w.wantFigure("chair_utilisation_used", histDay, 60+30, 2*240)
		wantChair(t, w, "chair_utilisation_used", w.chair2, 30, 240)
	})
}

// wantChair checks one chair's row of a figure on the history day.
func wantChair(t *testing.T, w *visitWorld, figure, chair string, num, den int64) {
	t.Helper()
	page, err := w.s.Rows(context.Background(), figure, RowsQuery{BranchID: w.branch, From: histDay, To: histDay, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range page.Rows {
		if f.SubjectID == chair {
			if f.Num != num || f.Den != den || f.Subject != "chair" {
				t.Errorf("%s of %s: %d/%d, want %d/%d", figure, f.Label, f.Num, f.Den, num, den)
			}
			return
		}
	}
	t.Errorf("%s: no row for chair %s", figure, chair)
}
