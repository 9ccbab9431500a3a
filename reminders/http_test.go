package reminders_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/reminders"
)

// TestRulesAPI reads the defaults, replaces them (re-planning the branch's visits) and
// answers bad rules with 422 naming each field.
func TestRulesAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.at(0, 9, 0))
		owner := f.env.As(actor.Owner)
		path := "/api/v1/branches/" + f.branch.ID + "/reminder-rules"
		var got reminders.Settings
		owner.Do(http.MethodGet, path, nil).Decode(t, &got)
		if got.Style != reminders.StyleConfirmFirst || len(got.Rules) != 3 || got.QuietFrom != "21:00" {
			t.Errorf("defaults: %+v", got)
		}
		body := map[string]any{"style": "reply_if_not_coming", "quiet_from": "22:00", "quiet_to": "07:00",
			"rules": []map[string]any{{"name": "2d", "kind": "days_before", "days": 2, "at": "10:00"}}}
		if r := owner.Do(http.MethodPut, path, body); r.Status != http.StatusOK {
			t.Fatalf("put: %d %s", r.Status, r.Body)
		}
		owner.Do(http.MethodGet, path, nil).Decode(t, &got)
		if got.Style != reminders.StyleReplyIfNotComing || len(got.Rules) != 1 || got.Rules[0].At != "10:00" {
			t.Errorf("stored: %+v", got)
		}
		sameList(t, "re-planned", summary(plans(t, f, a.ID)), []string{"3d:1:reminder_confirm:cancelled",
			"24h:1:reminder_plain:cancelled", "morning:1:reminder_plain:cancelled", "2d:2:reminder_not_coming:planned"})
		bad := map[string]any{"style": "confirm_first", "quiet_from": "21:00", "quiet_to": "08:00",
			"rules": []map[string]any{{"name": "ok", "kind": "hours_before", "hours": 2},
				{"name": "x", "kind": "days_before", "days": 1, "at": "25:61"}}}
		r := owner.Do(http.MethodPut, path, bad)
		p := r.Problem(t)
		if r.Status != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Field != "rules[1].at" {
			t.Errorf("bad rules: %d %s", r.Status, r.Body)
		}
		if r := f.env.As(actor.Doctor).Do(http.MethodGet, path, nil); r.Status != http.StatusForbidden {
			t.Errorf("doctor: %d", r.Status)
		}
		missing := "/api/v1/branches/0190aaaa-0000-7000-8000-00000000ffff/reminder-rules"
		if r := owner.Do(http.MethodGet, missing, nil); r.Status != http.StatusNotFound {
			t.Errorf("unknown branch: %d", r.Status)
		}
	})
}
