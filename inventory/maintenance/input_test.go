package maintenance_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Every bad job is a 400 naming its field; nothing is stored.
func TestJobsRefuseBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		elsewhere := k.id(k.env.SignIn(actor.Nurse, k.newBranch("Wola")))
		valid := func(kv ...any) map[string]any {
			b := map[string]any{"branch_id": k.branch, "title": "Spore test", "next_due_on": "2026-05-05",
				"every_n": 1, "every_unit": "week"}
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i+1] == nil {
					delete(b, kv[i].(string))
				} else {
					b[kv[i].(string)] = kv[i+1]
				}
			}
			return b
		}
		for name, c := range map[string]struct {
			body  map[string]any
			field string
		}{
			"no title":             {valid("title", nil), "title"},
			"empty title":          {valid("title", ""), "title"},
			"long title":           {valid("title", strings.Repeat("x", 201)), "title"},
			"no due date":          {valid("next_due_on", nil), "next_due_on"},
			"30 February":          {valid("next_due_on", "2026-02-30"), "next_due_on"},
			"a time, not a date":   {valid("next_due_on", "2026-05-05T10:00:00Z"), "next_due_on"},
			"every without a unit": {valid("every_unit", nil), "every_unit"},
			"a unit without every": {valid("every_n", nil), "every_unit"},
			"every zero":           {valid("every_n", 0), "every_n"},
			"every negative":       {valid("every_n", -2), "every_n"},
			"unknown unit":         {valid("every_unit", "fortnight"), "every_unit"},
			"negative grace":       {valid("grace_days", -1), "grace_days"},
			"unknown item":         {valid("item_id", uuid.NewString()), "item_id"},
			"unknown assignee":     {valid("assignee_id", uuid.NewString()), "assignee_id"},
			"assignee elsewhere":   {valid("assignee_id", elsewhere), "assignee_id"},
			"unknown branch":       {valid("branch_id", uuid.NewString()), "branch_id"},
			"no branch":            {valid("branch_id", nil), "branch_id"},
			"title with a newline": {valid("title", "Spore\ntest"), "title"},
			"unknown field":        {valid("every", "week"), "every"},
		} {
			t.Run(name, func(t *testing.T) {
				refused(t, k.nurse.Do(http.MethodPost, "/api/v1/maintenance", c.body), http.StatusBadRequest, c.field)
			})
		}
		if n := k.count(`SELECT COUNT(*) FROM maintenance_jobs`); n != 0 {
			t.Errorf("refused jobs stored: %d", n)
		}
		refused(t, k.nurse.Do(http.MethodGet, "/api/v1/maintenance?state=late", nil), http.StatusBadRequest, "state")
		refused(t, k.nurse.Do(http.MethodGet, "/api/v1/maintenance?branch_id=centrum", nil), http.StatusBadRequest, "branch_id")
		refused(t, k.nurse.Do(http.MethodGet, "/api/v1/maintenance?branch_id="+uuid.NewString(), nil), http.StatusBadRequest, "branch_id")
	})
}

// A job's life: edits, done notes and retiring refuse what they should, and a new due
// date closes the task opened for the old one.
func TestJobUpdatesAndRetires(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.at("2026-05-05 09:00")
		j := k.create(map[string]any{"title": "Service the compressor", "next_due_on": "2026-05-05", "every_n": 1, "every_unit": "year"})
		k.sweep()
		if j = k.get(j.ID); j.TaskID == nil {
			t.Fatal("no task on the due date")
		}
		path := "/api/v1/maintenance/" + j.ID
		refused(t, k.nurse.Do(http.MethodPut, path, map[string]any{"title": "x", "next_due_on": "2026-05-20", "every_n": 1}),
			http.StatusBadRequest, "every_unit")
		refused(t, k.nurse.Do(http.MethodPost, path+"/done", map[string]any{"note": strings.Repeat("x", 2001)}),
			http.StatusBadRequest, "note")
		refused(t, k.nurse.Do(http.MethodPost, path+"/done", map[string]any{"note": "ok", "by": "me"}), http.StatusBadRequest, "by")

		r := k.nurse.Do(http.MethodPut, path, map[string]any{"title": "Service the compressor (technician booked)",
			"next_due_on": "2026-05-20", "every_n": 1, "every_unit": "year"})
		if r.Status != http.StatusOK {
			t.Fatalf("update: %d %s", r.Status, r.Body)
		}
		var moved job
		r.Decode(t, &moved)
		ts := k.tasks()
		if moved.State != "upcoming" || moved.TaskID != nil || len(ts) != 1 || ts[0].Status != "done" || ts[0].DoneNote != "rescheduled" {
			t.Errorf("rescheduled: %+v, tasks %+v", moved, ts)
		}

		stranger := k.env.SignIn(actor.Nurse, k.newBranch("Wola"))
		refused(t, stranger.Do(http.MethodGet, path, nil), http.StatusNotFound, "maintenance_not_found")
		refused(t, stranger.Do(http.MethodPost, path+"/done", nil), http.StatusNotFound, "maintenance_not_found")
		refused(t, k.nurse.Do(http.MethodGet, "/api/v1/maintenance/"+uuid.NewString(), nil), http.StatusNotFound, "maintenance_not_found")

		if r := k.nurse.Do(http.MethodPost, path+"/deactivate", nil); r.Status != http.StatusOK {
			t.Fatalf("deactivate: %d %s", r.Status, r.Body)
		}
		if r := k.nurse.Do(http.MethodPost, path+"/deactivate", nil); r.Status != http.StatusOK {
			t.Fatalf("deactivate again: %d %s", r.Status, r.Body)
		}
		refused(t, k.nurse.Do(http.MethodPost, path+"/done", nil), http.StatusConflict, "maintenance_inactive")
		refused(t, k.nurse.Do(http.MethodPut, path, map[string]any{"title": "x", "next_due_on": "2026-06-01"}),
			http.StatusConflict, "maintenance_inactive")
		var list struct {
			Items []job `json:"items"`
		}
		k.nurse.Do(http.MethodGet, "/api/v1/maintenance", nil).Decode(t, &list)
		if len(list.Items) != 0 {
			t.Errorf("active list holds a retired job: %+v", list.Items)
		}
		k.nurse.Do(http.MethodGet, "/api/v1/maintenance?state=inactive&branch_id="+k.branch, nil).Decode(t, &list)
		if len(list.Items) != 1 || list.Items[0].State != "inactive" {
			t.Errorf("inactive list: %+v", list.Items)
		}
	})
}
