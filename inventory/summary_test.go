package inventory_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/staff"
)

type levelState struct {
	ItemName string   `json:"item_name"`
	OnHand   int64    `json:"on_hand"`
	Used30d  int64    `json:"used_30d"`
	DaysLeft *float64 `json:"days_left"`
}

type summary struct {
	Critical     []levelState `json:"critical"`
	BelowReorder []levelState `json:"below_reorder"`
	Expiring     []struct {
		ItemName string `json:"item_name"`
	} `json:"expiring"`
	OverdueMaintenance []struct {
		Title string `json:"title"`
	} `json:"overdue_maintenance"`
}

// stocked adds an item on the head nurse's board with levels at the operatory, receives
// qty and consumes used of it today.
func (k *kit) stocked(name string, qty, used int, levels [3]int, extra map[string]any) string {
	k.t.Helper()
	item := k.item(name, extra)
	r := k.nurse.Do(http.MethodPut, "/api/v1/inventory/items/"+item+"/levels", map[string]any{"location_id": k.operatory,
		"critical_level": levels[0], "reorder_point": levels[1], "par_level": levels[2]})
	if r.Status != http.StatusOK {
		k.t.Fatalf("levels: %d %s", r.Status, r.Body)
	}
	expires := ""
	if extra["expiry_tracked"] == true {
		expires = k.f.Day.AddDate(0, 0, 10).Format(time.DateOnly)
	}
	if qty+used == 0 {
		return item
	}
	lot := k.receive(k.operatory, item, qty+used, "L1", expires).LotID
	if used > 0 {
		k.record(map[string]any{"item_id": item, "lot_id": lot, "from_location_id": k.operatory, "quantity": used,
			"reason": "consumption"}, http.StatusCreated)
	}
	return item
}

// The head nurse's board: critical and below-reorder items with days of supply from
// their last 30 days' use, a lot expiring soon and overdue maintenance; the front desk's
// coffee is not on it. Its digest goes once a day, from 08:00, to the person named.
func TestTheBoardSummaryAndItsDailyDigest(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.stocked("Composite A3", 1, 0, [3]int{2, 5, 20}, nil)
		k.stocked("Bond", 4, 0, [3]int{1, 5, 20}, nil)
		k.stocked("Cotton rolls", 50, 30, [3]int{5, 10, 100}, nil)
		k.stocked("Needles", 2, 60, [3]int{1, 2, 100}, map[string]any{"expiry_tracked": true})
		k.stocked("Coffee", 0, 0, [3]int{1, 2, 10}, map[string]any{"board": "front_desk", "category": "household"})
		_, err := d.W.Exec(d.W.Rebind(`INSERT INTO maintenance_jobs (id, branch_id, title, every_n, every_unit, next_due_on,
			created_at) VALUES (?, ?, 'Sterilizer spore test', 1, 'week', '2020-01-06', ?)`), "7f9c0f3e-0d7a-4c55-9f59-4b3f8f0e2a11",
			k.f.Branch.ID, time.Now().UTC())
		if err != nil {
			t.Fatal(err)
		}
		var sm summary
		k.nurse.Do(http.MethodGet, "/api/v1/inventory/summary?branch_id="+k.f.Branch.ID+"&board=head_nurse", nil).Decode(t, &sm)
		if len(sm.Critical) != 1 || sm.Critical[0].ItemName != "Composite A3" || len(sm.BelowReorder) != 2 ||
			sm.BelowReorder[0].ItemName != "Bond" || sm.BelowReorder[0].DaysLeft != nil || sm.BelowReorder[1].ItemName != "Needles" ||
			sm.BelowReorder[1].DaysLeft == nil || *sm.BelowReorder[1].DaysLeft != 1 || len(sm.Expiring) != 1 ||
			len(sm.OverdueMaintenance) != 1 {
			t.Fatalf("summary: %+v", sm)
		}
		for within, want := range map[string]int{"30d": 1, "5d": 0} {
			var exp struct {
				Items []struct {
					ItemName string `json:"item_name"`
				} `json:"items"`
			}
			k.nurse.Do(http.MethodGet, "/api/v1/inventory/expiring?branch_id="+k.f.Branch.ID+"&within="+within, nil).Decode(t, &exp)
			if len(exp.Items) != want || (want == 1 && exp.Items[0].ItemName != "Needles") {
				t.Fatalf("expiring within %s: %+v", within, exp.Items)
			}
		}
		k.checkDigest(d)
	})
}

func (k *kit) checkDigest(d *db.DB) {
	k.t.Helper()
	ctx := context.Background()
	head, err := k.f.Env.Staff.Create(ctx, staff.NewStaff{Email: "head.nurse@test.frontdesk.test", Name: "Head Nurse",
		Role: actor.Nurse, Password: "test-password-123", BranchIDs: []string{k.f.Branch.ID}})
	if err != nil {
		k.t.Fatal(err)
	}
	r := k.f.Env.As(actor.Owner).Do(http.MethodPut, "/api/v1/inventory/boards", map[string]any{"branch_id": k.f.Branch.ID,
		"board": "head_nurse", "staff_id": head.ID})
	if r.Status != http.StatusOK {
		k.t.Fatalf("boards: %d %s", r.Status, r.Body)
	}
	now := k.f.Env.Clock.Now().In(k.f.Loc)
	k.f.Env.Clock.Advance(time.Date(now.Year(), now.Month(), now.Day()+1, 7, 0, 0, 0, k.f.Loc).Sub(now))
	for _, step := range []struct {
		advance time.Duration
		want    int
	}{{0, 0}, {90 * time.Minute, 1}, {2 * time.Hour, 1}} {
		k.f.Env.Clock.Advance(step.advance)
		if _, err := k.f.Env.Inventory.SendDigests(ctx); err != nil {
			k.t.Fatal(err)
		}
		var n int
		err := d.R.Get(&n, d.R.Rebind(`SELECT COUNT(*) FROM outbox WHERE template = 'stock_digest' AND recipient = ?
			AND body LIKE '%Composite A3%'`), head.Email)
		if err != nil || n != step.want {
			k.t.Fatalf("digests at %s: %d (%v), want %d", k.f.Env.Clock.Now().In(k.f.Loc), n, err, step.want)
		}
	}
}
