package staff_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Two instances of the app over one database, each keeping the tokens it has answered
// for: a sign-out through one, a change of role and a deactivation through the other
// hold on both at once, though both answered for the token just before. The same on
// one SQLite file and on PostgreSQL.
func TestAnotherInstanceRefusesARevokedToken(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		one, other := apitest.NewEnv(t, d), apitest.NewEnv(t, d)
		other.Clock.Advance(one.Clock.Now().Sub(other.Clock.Now()))
		instances := []*apitest.Env{one, other}
		expect := func(token, path string, want int, when string) {
			t.Helper()
			for i, env := range instances {
				if r := env.Anonymous().As(token).Do(http.MethodGet, path, nil); r.Status != want {
					t.Fatalf("%s: instance %d answered %s with %d, want %d: %s", when, i, path, r.Status, want, r.Body)
				}
			}
		}
		owner := one.As(actor.Owner)

		createStaff(t, one, "a@clinic.test", actor.Admin)
		admin := other.Login("a@clinic.test", apitest.Password)
		expect(admin, "/api/v1/me", http.StatusOK, "signed in")
		if r := other.Anonymous().As(admin).Do(http.MethodPost, "/api/v1/auth/logout", nil); r.Status != http.StatusNoContent {
			t.Fatalf("logout: %d %s", r.Status, r.Body)
		}
		expect(admin, "/api/v1/me", http.StatusUnauthorized, "signed out through the other instance")

		nurse := createStaff(t, one, "n@clinic.test", actor.Admin)
		token := other.Login("n@clinic.test", apitest.Password)
		expect(token, "/api/v1/staff", http.StatusOK, "an admin lists staff")
		if r := owner.Do(http.MethodPatch, "/api/v1/staff/"+nurse.ID, map[string]any{"role": "nurse"}); r.Status != http.StatusOK {
			t.Fatalf("demote: %d %s", r.Status, r.Body)
		}
		// A change of role signs the member out, on every instance.
		expect(token, "/api/v1/me", http.StatusUnauthorized, "made a nurse through the first instance")
		token = other.Login("n@clinic.test", apitest.Password)
		expect(token, "/api/v1/staff", http.StatusForbidden, "a nurse lists staff")
		if r := owner.Do(http.MethodPatch, "/api/v1/staff/"+nurse.ID, map[string]any{"active": false}); r.Status != http.StatusOK {
			t.Fatalf("deactivate: %d %s", r.Status, r.Body)
		}
		expect(token, "/api/v1/me", http.StatusUnauthorized, "deactivated through the first instance")
	})
}
