package api_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// expectField fails unless r is a 400 naming field with code.
func expectField(t *testing.T, name string, r *apitest.Response, field, code string) {
	t.Helper()
	if r.Status != http.StatusBadRequest {
		t.Errorf("%s: status %d, want 400: %.300s", name, r.Status, r.Body)
		return
	}
	p := r.Problem(t)
	if len(p.Errors) != 1 || p.Errors[0].Field != field || p.Errors[0].Code != code || p.Errors[0].Message == "" {
		t.Errorf("%s: errors %+v, want %s on %q", name, p.Errors, code, field)
	}
}

// TestLoginRefusesBadText: a NUL in the e-mail reached PostgreSQL's lookup (a 500);
// bad text of every kind is now a 400 naming the field, on both databases.
func TestLoginRefusesBadText(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		anon := apitest.NewEnv(t, d).Anonymous()
		cases := []struct{ name, body, field, code string }{
			{"NUL escape", `{"email":"a\u0000@x.pl","password":"x"}`, "email", "control_character"},
			{"raw NUL", "{\"email\":\"a\x00@x.pl\",\"password\":\"x\"}", "email", "control_character"},
			{"escape", `{"email":"a\u001b@x.pl","password":"x"}`, "email", "control_character"},
			{"line break", `{"email":"a@x.pl\n","password":"x"}`, "email", "control_character"},
			{"lone surrogate", `{"email":"\ud800@x.pl","password":"x"}`, "email", "lone_surrogate"},
			{"invalid UTF-8", "{\"email\":\"a@x.pl\",\"password\":\"\xc3\x28\"}", "password", "invalid_utf8"},
			{"duplicate key", `{"email":"a","email":"b","password":"x"}`, "email", "duplicate_key"},
			{"duplicate key, other case", `{"email":"a","Email":"b","password":"x"}`, "Email", "duplicate_key"},
		}
		for _, c := range cases {
			r := anon.Raw(http.MethodPost, "/api/v1/auth/login", "application/json", []byte(c.body))
			expectField(t, c.name, r, c.field, c.code)
		}
	})
}

// TestQueryRefusesBadText: query parameters are judged before any handler runs.
func TestQueryRefusesBadText(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		owner := apitest.NewEnv(t, d).As(actor.Owner)
		cases := []struct{ name, query, field, code string }{
			{"NUL", "q=An%00na", "q", "control_character"},
			{"line break", "q=Anna%0D%0A", "q", "control_character"},
			{"invalid UTF-8", "sort=name&q=%FF", "q", "invalid_utf8"},
			{"NUL in a name", "q%00=x", "q\x00", "control_character"},
		}
		for _, c := range cases {
			expectField(t, c.name, owner.Do(http.MethodGet, "/api/v1/patients?"+c.query, nil), c.field, c.code)
		}
		if r := owner.Do(http.MethodGet, "/api/v1/patients?q=Zaż%C3%B3%C5%82%C4%87", nil); r.Status != http.StatusOK {
			t.Fatalf("a Polish search: %d %s", r.Status, r.Body)
		}
	})
}
