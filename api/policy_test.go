package api_test

import (
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// listQueries makes list routes answerable with 200 where a filter is required.
var listQueries = map[string]string{
	"/api/v1/audit":                      "?patient_id=" + uuid.NewString(),
	"/api/v1/appointments":               "?branch_id=" + uuid.NewString() + "&date=2026-05-04",
	"/api/v1/availability":               "?branch_id=" + uuid.NewString() + "&service_id=" + uuid.NewString(),
	"/api/v1/public/availability":        "?branch_id=" + uuid.NewString() + "&service_id=" + uuid.NewString(),
	"/api/v1/packs.pdf":                  "?branch_id=" + uuid.NewString() + "&date=2026-05-04",
	"/api/v1/phone-lines":                "?branch_id=" + uuid.NewString(),
	"/api/v1/calls/live":                 "?branch_id=" + uuid.NewString(),
	"/api/v1/calls/figures":              "?branch_id=" + uuid.NewString() + "&from=2026-05-04&to=2026-05-10",
	"/api/v1/figures":                    "?branch_id=" + uuid.NewString() + "&from=2026-05-04&to=2026-05-10",
	"/api/v1/figures/thresholds":         "?branch_id=" + uuid.NewString(),
	"/api/v1/figures/:name/rows":         "?branch_id=" + uuid.NewString() + "&from=2026-05-04&to=2026-05-10",
	"/api/v1/calls":                      "?branch_id=" + uuid.NewString() + "&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z",
	"/api/v1/inventory/locations":        "?branch_id=" + uuid.NewString(),
	"/api/v1/inventory/stock":            "?branch_id=" + uuid.NewString(),
	"/api/v1/inventory/expiring":         "?branch_id=" + uuid.NewString(),
	"/api/v1/inventory/moves":            "?branch_id=" + uuid.NewString(),
	"/api/v1/inventory/summary":          "?branch_id=" + uuid.NewString() + "&board=head_nurse",
	"/api/v1/inventory/boards":           "?branch_id=" + uuid.NewString(),
	"/api/v1/inventory/moves.csv":        "?branch_id=" + uuid.NewString() + "&from=2026-05-04&to=2026-05-10",
	"/api/v1/inventory/suggested-orders": "?branch_id=" + uuid.NewString(),
	"/api/v1/follow-ups":                 "?branch_id=" + uuid.NewString(),
	"/api/v1/follow-ups/settings":        "?branch_id=" + uuid.NewString(),
	"/api/v1/follow-ups/figures":         "?branch_id=" + uuid.NewString() + "&from=2026-05-04&to=2026-05-10",
	"/api/v1/campaigns":                  "?branch_id=" + uuid.NewString(),
	"/api/v1/reviews/sources":            "?branch_id=" + uuid.NewString(),
	"/api/v1/reviews":                    "?branch_id=" + uuid.NewString(),
	"/api/v1/reviews/figures":            "?branch_id=" + uuid.NewString() + "&from=2026-05-04&to=2026-05-10",
	"/api/v1/recalls":                    "?branch_id=" + uuid.NewString(),
	"/api/v1/surveys":                    "?branch_id=" + uuid.NewString() + "&from=2026-05-01&to=2026-05-31",
	"/api/v1/surveys/nps":                "?branch_id=" + uuid.NewString() + "&from=2026-05-01&to=2026-05-31",
	"/api/v1/surveys/review-links":       "?branch_id=" + uuid.NewString(),
}

// lookups have no id in their path but name rows in their query: the random ids
// answer 404 rather than an empty 200 list.
var lookups = map[string]bool{"/api/v1/availability": true, "/api/v1/public/availability": true, "/api/v1/appointments": true,
	"/api/v1/packs.pdf": true, "/api/v1/calls/live": true, "/api/v1/calls/figures": true,
	"/api/v1/inventory/expiring": true, "/api/v1/inventory/summary": true, "/api/v1/inventory/locations": true,
	"/api/v1/inventory/stock": true, "/api/v1/inventory/moves": true, "/api/v1/inventory/boards": true,
	"/api/v1/inventory/moves.csv": true, "/api/v1/inventory/suggested-orders": true,
	"/api/v1/follow-ups/settings": true, "/api/v1/follow-ups/figures": true,
	"/api/v1/reviews/sources": true, "/api/v1/reviews": true, "/api/v1/reviews/figures": true,
	"/api/v1/recalls": true, "/api/v1/surveys/review-links": true,
	"/api/v1/figures": true, "/api/v1/figures/thresholds": true}

func concretePath(pattern string) string {
	parts := strings.Split(pattern, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ":") {
			parts[i] = uuid.NewString()
		}
	}
	return strings.Join(parts, "/") + listQueries[pattern]
}

func sortedRoutes() []string {
	keys := make([]string, 0, len(api.Policy()))
	for k := range api.Policy() {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestRoleMatrix calls every route in the policy table as every role and anonymously:
// refused roles get exactly 403, anonymous callers exactly 401, and allowed callers
// get past the guard (list routes with exactly 200).
func TestRoleMatrix(t *testing.T) {
	e := apitest.NewEnv(t, dbtest.New(t), apitest.Demo())
	for _, route := range sortedRoutes() {
		acc := api.Policy()[route]
		method, pattern, _ := strings.Cut(route, " ")
		path := concretePath(pattern)
		t.Run(route, func(t *testing.T) {
			checkAnonymous(t, e, acc, method, path)
			for _, role := range actor.Roles {
				c := e.As(role)
				if route == "POST /api/v1/auth/logout" {
					c = e.SignIn(role)
				}
				checkRole(t, c, acc, role, method, path, !strings.Contains(pattern, ":") && !lookups[pattern])
			}
		})
	}
}

func send(c *apitest.Client, method, path string) *apitest.Response {
	if method == http.MethodGet {
		return c.Do(method, path, nil)
	}
	return c.Raw(method, path, "application/json", []byte(`{}`))
}

func checkAnonymous(t *testing.T, e *apitest.Env, acc api.Access, method, path string) {
	t.Helper()
	r := send(e.Anonymous(), method, path)
	switch {
	case signed(r):
		// a webhook refusing an unsigned request: the route is public, the request is not
	case acc.Public && (r.Status == http.StatusUnauthorized && r.Problem(t).Code == "unauthorized" || r.Status == http.StatusForbidden):
		t.Errorf("anonymous on a public route: %d %s", r.Status, r.Body)
	case !acc.Public && r.Status != http.StatusUnauthorized:
		t.Errorf("anonymous: got %d, want 401", r.Status)
	}
}

func checkRole(t *testing.T, c *apitest.Client, acc api.Access, role actor.Role, method, path string, isList bool) {
	t.Helper()
	r := send(c, method, path)
	allowed := acc.Allows(role)
	switch {
	case acc.Public && signed(r):
	case !allowed && r.Status != http.StatusForbidden:
		t.Errorf("%s: got %d, want 403", role, r.Status)
	case allowed && (r.Status == http.StatusUnauthorized || r.Status == http.StatusForbidden):
		t.Errorf("%s: got %d, want to pass the guard: %s", role, r.Status, r.Body)
	case allowed && isList && method == http.MethodGet && r.Status != http.StatusOK:
		t.Errorf("%s: list got %d, want 200: %s", role, r.Status, r.Body)
	}
}

// signed tells a webhook's refusal of a request without a valid signature (403
// bad_signature) from the guard's.
func signed(r *apitest.Response) bool {
	return r.Status == http.StatusForbidden && strings.Contains(string(r.Body), `"code":"bad_signature"`)
}

// TestEveryPolicyRowIsMounted keeps the table honest: a row for a route that no
// feature mounts would hide a typo in a path. (A mounted route without a row already
// stops the app at start-up.)
func TestEveryPolicyRowIsMounted(t *testing.T) {
	e := apitest.NewEnv(t, dbtest.New(t))
	var mounted []string
	for _, r := range e.HTTP.GetRoutes(true) {
		mounted = append(mounted, r.Method+" "+r.Path)
	}
	for route := range api.Policy() {
		if !slices.Contains(mounted, route) {
			t.Errorf("policy row %q matches no mounted route", route)
		}
	}
}
