package api_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/api/apitest"
)

type readiness struct {
	pingErr error
	current bool
}

func (r readiness) Ping(context.Context) error                      { return r.pingErr }
func (r readiness) MigrationsCurrent(context.Context) (bool, error) { return r.current, nil }

func TestSystemEndpoints(t *testing.T) {
	app := api.New(api.Deps{Ready: readiness{current: true}, Version: "test"})
	c := apitest.New(t, app)
	for _, path := range []string{"/healthz", "/readyz", "/api/openapi.yaml", "/api/docs", "/metrics"} {
		r := c.Do(http.MethodGet, path, nil)
		if r.Status != http.StatusOK {
			t.Errorf("GET %s = %d: %s", path, r.Status, r.Body)
		}
		if r.Header.Get(api.HeaderRequestID) == "" {
			t.Errorf("GET %s: no request id", path)
		}
	}
	if r := c.Do(http.MethodGet, "/api/docs", nil); !strings.Contains(string(r.Body), "/readyz") {
		t.Errorf("docs page does not list /readyz")
	}
}

func TestReadyzFailsWhenDatabaseIsBehind(t *testing.T) {
	for name, r := range map[string]readiness{
		"unreachable": {pingErr: errors.New("down"), current: true},
		"pending":     {current: false},
	} {
		c := apitest.New(t, api.New(api.Deps{Ready: r}))
		resp := c.Do(http.MethodGet, "/readyz", nil)
		if resp.Status != http.StatusServiceUnavailable || resp.Problem(t).Code != "not_ready" {
			t.Errorf("%s: got %d %s", name, resp.Status, resp.Body)
		}
	}
}

func TestUnknownRouteIsProblem(t *testing.T) {
	c := apitest.New(t, api.New(api.Deps{Ready: readiness{current: true}}))
	r := c.Do(http.MethodGet, "/api/v1/nope", nil)
	if r.Status != http.StatusNotFound || r.Problem(t).Code != "not_found" {
		t.Fatalf("got %d %s", r.Status, r.Body)
	}
}

func TestRequestIDIsEchoed(t *testing.T) {
	c := apitest.New(t, api.New(api.Deps{Ready: readiness{current: true}}))
	c.Header.Set(api.HeaderRequestID, "abc-123")
	if got := c.Do(http.MethodGet, "/healthz", nil).Header.Get(api.HeaderRequestID); got != "abc-123" {
		t.Fatalf("request id = %q", got)
	}
}
