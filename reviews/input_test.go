package reviews_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Every bad input is a 4xx naming the field, and nothing is stored.
func TestBadInputNamesTheField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.complete("extraction", 9, "+48601000030")
		c := k.only(k.calls(k.admin, "&due=all"))
		attempts := "/api/v1/follow-ups/" + c.ID + "/attempts"
		branch := k.f.Branch.ID
		survey := func(over map[string]any) map[string]any {
			s := map[string]any{"overall": 5, "care": 5, "expectations": "better", "recommend": 10}
			for key, v := range over {
				s[key] = v
			}
			return map[string]any{"outcome": "reached", "survey": s}
		}
		cases := []struct {
			c      *apitest.Client
			method string
			path   string
			body   any
			field  string
		}{
			{k.admin, http.MethodPost, attempts, map[string]any{"outcome": "hung_up"}, "outcome"},
			{k.admin, http.MethodPost, attempts, map[string]any{}, "outcome"},
			{k.admin, http.MethodPost, attempts, survey(map[string]any{"overall": 11}), "survey.overall"},
			{k.admin, http.MethodPost, attempts, survey(map[string]any{"recommend": 11}), "survey.recommend"},
			{k.admin, http.MethodPost, attempts, survey(map[string]any{"expectations": "meh"}), "survey.expectations"},
			{k.admin, http.MethodPost, attempts, map[string]any{"outcome": "busy", "survey": map[string]any{
				"overall": 5, "care": 5, "expectations": "better", "recommend": 10}}, "survey"},
			{k.owner, http.MethodPut, "/api/v1/follow-ups/rules/" + k.f.Checkup.ID, map[string]any{"days": 61}, "days"},
			{k.owner, http.MethodPut, "/api/v1/follow-ups/rules/" + k.f.Checkup.ID, map[string]any{}, "days"},
			{k.owner, http.MethodPut, "/api/v1/follow-ups/settings", map[string]any{"branch_id": branch, "calls_open": "25:00",
				"calls_close": "19:00", "max_attempts": 3, "retry_minutes": 120, "queue": "front_desk"}, "calls_open"},
			{k.owner, http.MethodPut, "/api/v1/follow-ups/settings", map[string]any{"branch_id": branch, "calls_open": "10:00",
				"calls_close": "10:30", "max_attempts": 3, "retry_minutes": 120, "queue": "front_desk"}, "calls_close"},
			{k.owner, http.MethodPut, "/api/v1/follow-ups/settings", map[string]any{"branch_id": branch, "calls_open": "10:00",
				"calls_close": "19:00", "max_attempts": 11, "retry_minutes": 120, "queue": "front_desk"}, "max_attempts"},
			{k.owner, http.MethodPut, "/api/v1/follow-ups/settings", map[string]any{"branch_id": branch, "calls_open": "10:00",
				"calls_close": "19:00", "max_attempts": 3, "retry_minutes": 120, "queue": "front_desk",
				"assignee_id": "7f0f2b43-3c57-4d7e-9a0c-0e0b6d1d7a11"}, "assignee_id"},
			{k.admin, http.MethodPost, "/api/v1/campaigns", map[string]any{"branch_id": branch, "name": "x", "purpose": "marketing",
				"audience": map[string]any{"patient_ids": []string{c.PatientID}}}, "consent_channel"},
			{k.admin, http.MethodPost, "/api/v1/campaigns", map[string]any{"branch_id": branch, "name": "x", "purpose": "service",
				"audience": map[string]any{"patient_ids": []string{c.PatientID}, "recall_due_before": "2030-01-01"}}, "audience"},
			{k.admin, http.MethodPost, "/api/v1/campaigns", map[string]any{"branch_id": branch, "name": "x", "purpose": "service",
				"audience": map[string]any{"no_shows": map[string]any{"from": "2030-02-01", "to": "2030-01-01"}}}, "audience.no_shows.to"},
			{k.admin, http.MethodPost, "/api/v1/campaigns", map[string]any{"branch_id": branch, "name": "", "purpose": "service",
				"audience": map[string]any{"patient_ids": []string{c.PatientID}}}, "name"},
			{k.owner, http.MethodGet, "/api/v1/follow-ups/figures?branch_id=" + branch + "&from=2030-01-02&to=2030-01-01", nil, "to"},
			{k.admin, http.MethodGet, "/api/v1/follow-ups?branch_id=" + branch + "&due=yesterday", nil, "due"},
			{k.admin, http.MethodGet, "/api/v1/follow-ups?branch_id=" + branch + "&assignee=you", nil, "assignee"},
			{k.admin, http.MethodPost, "/api/v1/call-opt-outs", map[string]any{"patient_id": c.PatientID}, "opted_out"},
		}
		for _, tc := range cases {
			r := tc.c.Do(tc.method, tc.path, tc.body)
			if r.Status < 400 || r.Status >= 500 || !names(r.Problem(t), tc.field) {
				t.Errorf("%s %s %v = %d %s, want 4xx naming %s", tc.method, tc.path, tc.body, r.Status, r.Body, tc.field)
			}
		}
		if got := k.only(k.calls(k.admin, "&due=all")); got.Attempts != 0 {
			t.Errorf("a refused attempt was stored: %+v", got)
		}
		var n int
		if err := db.Get(t.Context(), d.R, &n, `SELECT COUNT(*) FROM campaigns`); err != nil || n != 0 {
			t.Errorf("campaigns stored: %d %v", n, err)
		}
		// A doctor and a nurse may not work the call list.
		for _, role := range []actor.Role{actor.Doctor, actor.Nurse} {
			if r := k.f.Env.As(role).Do(http.MethodGet, "/api/v1/follow-ups?branch_id="+branch, nil); r.Status != http.StatusForbidden {
				t.Errorf("%s: %d", role, r.Status)
			}
		}
	})
}

func names(p api.Problem, field string) bool {
	for _, f := range p.Errors {
		if f.Field == field {
			return true
		}
	}
	return false
}
