package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// allowOf reads the Allow header as a sorted list.
func allowOf(h http.Header) []string {
	var out []string
	for _, m := range strings.Split(h.Get("Allow"), ",") {
		if m = strings.TrimSpace(m); m != "" {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return out
}

func TestWrongMethodIs405WithAllow(t *testing.T) {
	c := apitest.NewEnv(t, dbtest.New(t)).Anonymous()
	for _, tc := range []struct {
		method, path string
		allow        []string
	}{
		{http.MethodDelete, "/api/v1/branches", []string{"GET", "HEAD", "POST"}},
		{http.MethodDelete, "/API/v1/branches/", []string{"GET", "HEAD", "POST"}},
		{http.MethodPut, "/api/v1/auth/login", []string{"POST"}},
		{http.MethodPatch, "/api/v1/patients/" + uuid.NewString() + "/merge", []string{"POST"}},
		{http.MethodPost, "/healthz", []string{"GET", "HEAD"}},
		{http.MethodOptions, "/api/v1/public/availability", []string{"GET", "HEAD"}},
	} {
		r := c.Do(tc.method, tc.path, nil)
		if r.Status != http.StatusMethodNotAllowed || r.Problem(t).Code != "method_not_allowed" {
			t.Errorf("%s %s = %d %s", tc.method, tc.path, r.Status, r.Body)
			continue
		}
		if got := allowOf(r.Header); !slices.Equal(got, tc.allow) {
			t.Errorf("%s %s: Allow = %v, want %v", tc.method, tc.path, got, tc.allow)
		}
	}
}

func TestUnknownPathStays404(t *testing.T) {
	c := apitest.NewEnv(t, dbtest.New(t)).Anonymous()
	for _, path := range []string{"/api/v1/nope", "/api/v1/branches/x/y/z", "/api/v1/patients//merge"} {
		for _, method := range []string{http.MethodGet, http.MethodDelete} {
			r := c.Do(method, path, nil)
			if r.Status != http.StatusNotFound || r.Header.Get("Allow") != "" {
				t.Errorf("%s %s = %d (Allow %q)", method, path, r.Status, r.Header.Get("Allow"))
			}
		}
	}
}

// Outside demo mode the demo-only routes answer 404 to every method, so no 405 may
// reveal them.
func TestDemoOnlyPathsHiddenOutsideDemo(t *testing.T) {
	d := dbtest.New(t)
	if r := apitest.NewEnv(t, d).Anonymous().Do(http.MethodPost, "/api/v1/dev/outbox", nil); r.Status != http.StatusNotFound {
		t.Errorf("outside demo: %d %s", r.Status, r.Body)
	}
	r := apitest.NewEnv(t, d, apitest.Demo()).Anonymous().Do(http.MethodPost, "/api/v1/dev/outbox", nil)
	if r.Status != http.StatusMethodNotAllowed || !slices.Equal(allowOf(r.Header), []string{"GET", "HEAD"}) {
		t.Errorf("demo: %d Allow %q", r.Status, r.Header.Get("Allow"))
	}
}

// TestEveryPolicyPathAnswers405 calls each path of the policy table with a method it
// lacks: the Allow header must list exactly the table's methods for it.
func TestEveryPolicyPathAnswers405(t *testing.T) {
	c := apitest.NewEnv(t, dbtest.New(t), apitest.Demo()).Anonymous()
	for pattern, methods := range policyMethods() {
		missing := firstMissing(methods)
		if missing == "" {
			continue
		}
		path := concretePath(pattern)
		r := c.Do(missing, path, nil)
		if r.Status != http.StatusMethodNotAllowed {
			t.Errorf("%s %s = %d %s", missing, pattern, r.Status, r.Body)
			continue
		}
		if got := allowOf(r.Header); !slices.Equal(got, methods) {
			t.Errorf("%s %s: Allow = %v, want %v", missing, pattern, got, methods)
		}
	}
}

// policyMethods groups the policy table by path; fiber serves HEAD wherever GET is.
func policyMethods() map[string][]string {
	out := map[string][]string{}
	for _, route := range sortedRoutes() {
		method, path, _ := strings.Cut(route, " ")
		out[path] = append(out[path], method)
		if method == http.MethodGet {
			out[path] = append(out[path], http.MethodHead)
		}
	}
	for _, ms := range out {
		slices.Sort(ms)
	}
	return out
}

func firstMissing(methods []string) string {
	for _, m := range []string{http.MethodDelete, http.MethodPatch, http.MethodPut, http.MethodPost, http.MethodGet} {
		if !slices.Contains(methods, m) {
			return m
		}
	}
	return ""
}
