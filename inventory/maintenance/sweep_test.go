package maintenance_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// A one-off job becomes the assignee's task on its day, once however often the sweep
// runs; past its grace period it escalates once to the branch's owner; done with a
// note it closes the task and retires.
func TestSweepOpensThenEscalatesOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		nurse, boss := k.id(k.nurse), k.id(k.boss)
		k.at("2026-05-04 09:00")
		j := k.create(map[string]any{"title": "Call the plumber", "next_due_on": "2026-05-05", "grace_days": 2,
			"assignee_id": nurse})
		k.sweep()
		if ts := k.tasks(); len(ts) != 0 {
			t.Fatalf("a day early: %+v", ts)
		}

		k.at("2026-05-05 08:00")
		k.sweep()
		k.sweep()
		ts := k.tasks()
		if len(ts) != 1 || ts[0].AssigneeID == nil || *ts[0].AssigneeID != nurse || ts[0].Status != "open" ||
			!strings.Contains(ts[0].Text, "Call the plumber") || !strings.HasPrefix(ts[0].Text, "Konserwacja") {
			t.Fatalf("due: %+v", ts)
		}
		if due, _ := time.Parse(time.RFC3339, ts[0].DueAt); !due.Equal(time.Date(2026, 5, 5, 0, 0, 0, 0, k.warsaw)) {
			t.Errorf("task due %s, want the due date's midnight in Warsaw", ts[0].DueAt)
		}

		k.at("2026-05-07 12:00") // two days late: within grace
		k.sweep()
		if j := k.get(j.ID); len(k.tasks()) != 1 || j.State != "overdue" || j.DaysOverdue != 2 || j.Escalated {
			t.Fatalf("within grace: %+v, tasks %+v", j, k.tasks())
		}

		k.at("2026-05-08 12:00") // three days late: past grace
		k.sweep()
		k.sweep()
		ts = k.tasks()
		if len(ts) != 2 || ts[0].AssigneeID == nil || *ts[0].AssigneeID != boss || ts[0].Status != "open" ||
			!strings.Contains(ts[0].Text, "3") || ts[1].Status != "done" || ts[1].DoneNote != "escalated" {
			t.Fatalf("escalated: %+v", ts)
		}
		if j := k.get(j.ID); !j.Escalated || j.TaskID == nil || *j.TaskID != ts[0].ID {
			t.Fatalf("job after escalation: %+v", j)
		}

		after := k.done(k.nurse, j.ID, "washer replaced under the sink")
		if after.Active || after.State != "inactive" || after.NextDueOn != nil || after.TaskID != nil {
			t.Errorf("one-off after done: %+v", after)
		}
		k.sweep()
		ts = k.tasks()
		if len(ts) != 2 || ts[0].Status != "done" || ts[0].DoneNote != "done" {
			t.Errorf("tasks after done: %+v", ts)
		}
		var got struct {
			History []struct {
				DueOn   string  `json:"due_on"`
				StaffID *string `json:"staff_id"`
				Note    string  `json:"note"`
			} `json:"history"`
		}
		k.nurse.Do(http.MethodGet, "/api/v1/maintenance/"+j.ID, nil).Decode(t, &got)
		if len(got.History) != 1 || got.History[0].DueOn != "2026-05-05" || got.History[0].StaffID == nil ||
			*got.History[0].StaffID != nurse || got.History[0].Note != "washer replaced under the sink" {
			t.Errorf("history: %+v", got.History)
		}
		refused(t, k.nurse.Do(http.MethodPost, "/api/v1/maintenance/"+j.ID+"/done", nil), http.StatusConflict, "maintenance_inactive")
		if n := k.count(`SELECT COUNT(*) FROM maintenance_done`); n != 1 {
			t.Errorf("%d done rows, want 1", n)
		}
	})
}

// Sweeps racing each other (two instances, a retried job) open each job's task once.
func TestParallelSweepsOpenEachTaskOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.at("2026-05-05 09:00")
		for _, due := range []string{"2026-05-05", "2026-05-04", "2026-04-20", "2026-05-01", "2026-05-05", "2026-04-30"} {
			k.create(map[string]any{"title": "Clean the coffee machine", "next_due_on": due, "every_n": 2,
				"every_unit": "week", "grace_days": 3})
		}
		for range 3 {
			var (
				wg   sync.WaitGroup
				mu   sync.Mutex
				errs []error
			)
			for range 6 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if err := k.env.Maintenance.Sweep(context.Background()); err != nil {
						mu.Lock()
						errs = append(errs, err)
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			if len(errs) > 0 {
				t.Fatalf("sweeps: %v", errs)
			}
		}
		// Three due within grace: a task each. Three past grace (20 April, 30 April,
		// 1 May): each escalated once, straight to the owner.
		open := k.count(`SELECT COUNT(*) FROM inbox_tasks WHERE kind = 'maintenance' AND status = 'open'`)
		escalated := k.count(`SELECT COUNT(*) FROM inbox_tasks WHERE kind = 'maintenance' AND done_note = 'escalated'`)
		all := k.count(`SELECT COUNT(*) FROM inbox_tasks WHERE kind = 'maintenance'`)
		flagged := k.count(`SELECT COUNT(*) FROM maintenance_jobs WHERE escalated`)
		if open != 6 || flagged != 3 || escalated != 0 || all != 6 {
			t.Errorf("open %d, escalated %d (closed %d), all %d; want 6 open, 3 escalated", open, flagged, escalated, all)
		}
		if n := k.count(`SELECT COUNT(*) FROM maintenance_jobs j WHERE NOT EXISTS
			(SELECT 1 FROM inbox_tasks t WHERE t.id = j.task_id AND t.status = 'open')`); n != 0 {
			t.Errorf("%d jobs without their open task", n)
		}
	})
}

func (k *kit) count(query string) int {
	k.t.Helper()
	var n int
	if err := db.Get(context.Background(), k.db.R, &n, query); err != nil {
		k.t.Fatalf("%s: %v", query, err)
	}
	return n
}
