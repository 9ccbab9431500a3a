package figures

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// TestABatchOfEventsMarksEachDayOnce: a batch marks the visits' local days and the
// events' own days where they differ, each once, keeps a day already stale at its
// first moment, and an unknown visit fails the batch.
func TestABatchOfEventsMarksEachDayOnce(t *testing.T) {
	eachVisitWorld(t, func(t *testing.T, w *visitWorld) {
		ctx := context.Background()
		p := w.patient("Ewa")
		// 23:30 UTC on 9 March is already 10 March in Warsaw.
		a := w.visit(visitRow{Patient: p, Start: w.at("2026-03-09", "09:00")})
		b := w.visit(visitRow{Patient: p, Start: w.at("2026-03-09", "11:00")})
		c := w.visit(visitRow{Patient: p, Start: w.at("2026-03-12", "09:00")})
		w.exec(`INSERT INTO figure_runs (branch_id, day, dirty_since) VALUES (?, '2026-03-12', ?)`, w.branch, w.now.Add(-time.Hour))
		at := time.Date(2026, 3, 9, 23, 30, 0, 0, time.UTC)
		es := []visit.Event{{VisitID: a, At: at}, {VisitID: b, At: at}, {VisitID: c, At: at}}
		if err := w.s.OnEvents(ctx, es); err != nil {
			t.Fatal(err)
		}
		var rows []struct {
			Day   string    `db:"day"`
			Dirty time.Time `db:"dirty_since"`
		}
		if err := db.Select(ctx, w.d.R, &rows, `SELECT day, dirty_since FROM figure_runs WHERE branch_id = ? ORDER BY day`, w.branch); err != nil {
			t.Fatal(err)
		}
		var days []string
		for _, r := range rows {
			days = append(days, r.Day)
		}
		if !slices.Equal(days, []string{"2026-03-09", "2026-03-10", "2026-03-12"}) {
			t.Errorf("stale days %v", days)
		}
		if len(rows) == 3 && !rows[2].Dirty.Equal(w.now.Add(-time.Hour)) {
			t.Errorf("a day already stale moved to %v", rows[2].Dirty)
		}
		if err := w.s.OnEvents(ctx, []visit.Event{{VisitID: "00000000-0000-0000-0000-000000000000", At: at}}); err == nil {
			t.Error("an unknown visit did not fail the batch")
		}
	})
}
