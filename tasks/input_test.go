package tasks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// TestBadInputNamesTheField: every bad query parameter and body field is refused with
// 400 naming it, before anything is read or stored.
func TestBadInputNamesTheField(t *testing.T) {
	k := newKit(t, dbtest.New(t))
	desk, _ := k.desk()
	for q, field := range map[string]string{"status=later": "status", "kind=urgent": "kind", "branch_id=centrum": "branch_id",
		"assignee=you": "assignee", "due_before=tomorrow": "due_before", "due_before=2026-05-04T10:00:00": "due_before",
		"limit=0": "limit", "limit=x": "limit", "limit=201": "limit", "cursor=%21%21": "cursor",
		"cursor=" + strings.Repeat("a", 201): "cursor"} {
		r := desk.Do(http.MethodGet, "/api/v1/tasks?"+q, nil)
		if r.Status != http.StatusBadRequest || len(r.Problem(t).Errors) == 0 || r.Problem(t).Errors[0].Field != field {
			t.Errorf("%s: %d %s", q, r.Status, r.Body)
		}
	}
	id := k.open(tasks.New{Kind: tasks.Callback})
	bodies := map[string]struct{ body, field string }{
		"attempts no outcome":    {`{"note":"x"}`, "outcome"},
		"attempts bad outcome":   {`{"outcome":"maybe"}`, "outcome"},
		"attempts outcome type":  {`{"outcome":1}`, "outcome"},
		"attempts long note":     {`{"outcome":"busy","note":"` + strings.Repeat("x", 2001) + `"}`, "note"},
		"attempts unknown field": {`{"outcome":"busy","who":"me"}`, "who"},
		"attempts empty body":    {``, ""},
		"done note type":         {`{"note":["a"]}`, "note"},
		"done long note":         {`{"note":"` + strings.Repeat("x", 2001) + `"}`, "note"},
		"done unknown field":     {`{"notes":"x"}`, "notes"},
	}
	for name, c := range bodies {
		action, _, _ := strings.Cut(name, " ")
		r := desk.Raw(http.MethodPost, "/api/v1/tasks/"+id+"/"+action, "application/json", []byte(c.body))
		if r.Status != http.StatusBadRequest || len(r.Problem(t).Errors) == 0 || r.Problem(t).Errors[0].Field != c.field {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	if r := desk.Raw(http.MethodPost, "/api/v1/tasks/"+id+"/attempts", "text/plain", []byte(`outcome=busy`)); r.Status != http.StatusUnsupportedMediaType {
		t.Errorf("text body: %d", r.Status)
	}
	if r := desk.Do(http.MethodPost, "/api/v1/tasks/not-an-id/claim", nil); r.Status != http.StatusNotFound {
		t.Errorf("bad id: %d", r.Status)
	}
	if r := desk.Do(http.MethodGet, "/api/v1/tasks", nil); r.Status != http.StatusOK {
		t.Errorf("nothing broke the list: %d", r.Status)
	}
}
