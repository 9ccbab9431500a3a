package api_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

var quiet = slog.New(slog.NewJSONHandler(io.Discard, nil))

type readiness struct {
	pingErr error
	current bool
}

func (r readiness) Ping(context.Context) error                      { return r.pingErr }
func (r readiness) MigrationsCurrent(context.Context) (bool, error) { return r.current, nil }

func TestSystemEndpoints(t *testing.T) {
	app := api.New(api.Deps{Log: quiet, Ready: readiness{current: true}, Version: "test"})
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
		c := apitest.New(t, api.New(api.Deps{Log: quiet, Ready: r}))
		resp := c.Do(http.MethodGet, "/readyz", nil)
		if resp.Status != http.StatusServiceUnavailable || resp.Problem(t).Code != "not_ready" {
			t.Errorf("%s: got %d %s", name, resp.Status, resp.Body)
		}
	}
}

func TestUnknownRouteIsProblem(t *testing.T) {
	c := apitest.New(t, api.New(api.Deps{Log: quiet, Ready: readiness{current: true}}))
	r := c.Do(http.MethodGet, "/api/v1/nope", nil)
	if r.Status != http.StatusNotFound || r.Problem(t).Code != "not_found" {
		t.Fatalf("got %d %s", r.Status, r.Body)
	}
}

func TestRequestIDIsEchoed(t *testing.T) {
	c := apitest.New(t, api.New(api.Deps{Log: quiet, Ready: readiness{current: true}}))
	c.Header.Set(api.HeaderRequestID, "abc-123")
	if got := c.Do(http.MethodGet, "/healthz", nil).Header.Get(api.HeaderRequestID); got != "abc-123" {
		t.Fatalf("request id = %q", got)
	}
}

func TestMetricsCountRequestsAndSignIns(t *testing.T) {
	e := apitest.NewEnv(t, dbtest.New(t))
	e.As(actor.Admin).Do(http.MethodGet, "/api/v1/me", nil)
	e.Anonymous().Do(http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "nobody@x.test", "password": "wrong"})
	body := string(e.Anonymous().Do(http.MethodGet, "/metrics", nil).Body)
	for _, want := range []string{
		`http_requests_total{method="GET",path="/api/v1/me",service="frontdesk",status_code="200"} 1`,
		`frontdesk_logins_total{outcome="ok"} 1`,
		`frontdesk_logins_total{outcome="bad_credentials"} 1`,
		`frontdesk_problems_total{code="bad_credentials",status="401"} 1`,
		`http_request_duration_seconds_bucket`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
