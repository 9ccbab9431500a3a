package inventory_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Running short never blocks a visit: what there was is taken, the rest is recorded as
// a shortfall and a stock task lands in the head nurse's queue, in the branch's language.
func TestAShortfallOpensAStockTaskAndTheVisitStillCompletes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		gloves := k.item("Gloves L", map[string]any{"category": "household", "pack_size": 100,
			"names": map[string]string{"pl": "Rękawiczki L"}})
		k.materials("/api/v1/inventory/services/"+k.f.Checkup.ID+"/materials", map[string]any{"materials": []map[string]any{
			{"item_id": gloves, "quantity": 4}}})
		k.receive(k.operatory, gloves, 3, "", "")
		k.receive(k.clinical, gloves, 3, "", "")
		v, loc := k.completeVisit(0, 9, "+48601000003")
		if v.Status != "completed" {
			t.Fatalf("visit %s", v.Status)
		}
		if got := sum(k.onHand(loc, gloves)); got != 0 {
			t.Fatalf("gloves left: %d, want 0", got)
		}
		var out struct {
			Items []struct {
				Kind        string `json:"kind"`
				Text        string `json:"text"`
				Queue       string `json:"queue"`
				Appointment *struct {
					ID string `json:"id"`
				} `json:"appointment"`
			} `json:"items"`
		}
		k.f.Env.As(actor.Owner).Do(http.MethodGet, "/api/v1/tasks?kind=stock", nil).Decode(t, &out)
		if len(out.Items) != 1 || out.Items[0].Queue != "head_nurse" || out.Items[0].Appointment == nil ||
			out.Items[0].Appointment.ID != v.ID || !strings.Contains(out.Items[0].Text, "Rękawiczki L") ||
			!strings.Contains(out.Items[0].Text, "1 piece") {
			t.Fatalf("stock tasks: %+v", out.Items)
		}
		var n int
		if err := d.R.Get(&n, d.R.Rebind("SELECT COUNT(*) FROM stock_shortfalls WHERE appointment_id = ? AND quantity = 1"), v.ID); err != nil || n != 1 {
			t.Fatalf("shortfalls: %d %v", n, err)
		}
		// The next visit short of the same gloves adds its shortfall to the open task.
		v2, loc2 := k.completeVisit(0, 11, "+48601000004")
		short, tasks := 4, 1 // the same shelf, now empty
		if loc2 != loc {
			short, tasks = 1, 2 // the other location's 3 gloves, its own task
		}
		k.f.Env.As(actor.Owner).Do(http.MethodGet, "/api/v1/tasks?kind=stock", nil).Decode(t, &out)
		err := d.R.Get(&n, d.R.Rebind("SELECT COUNT(*) FROM stock_shortfalls WHERE appointment_id = ? AND quantity = ?"), v2.ID, short)
		if err != nil || n != 1 || len(out.Items) != tasks {
			t.Fatalf("second shortfall: %d (%v), %d stock tasks", n, err, len(out.Items))
		}
	})
}
