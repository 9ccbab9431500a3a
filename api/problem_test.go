package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

type failingFeature struct{}

func (failingFeature) Routes(r fiber.Router) {
	r.Get("/api/v1/test/fail", func(*fiber.Ctx) error {
		return errors.New("pq: password authentication failed for user secret_admin")
	})
	r.Get("/api/v1/test/panic", func(*fiber.Ctx) error { panic("secret panic detail") })
}

// TestInternalErrorsKeepTheirSecrets: a 500 answer says nothing of its cause, while
// the log line carries the cause and the request id.
func TestInternalErrorsKeepTheirSecrets(t *testing.T) {
	policy["GET /api/v1/test/fail"] = public
	policy["GET /api/v1/test/panic"] = public
	t.Cleanup(func() {
		delete(policy, "GET /api/v1/test/fail")
		delete(policy, "GET /api/v1/test/panic")
	})
	var logs bytes.Buffer
	app := New(Deps{Log: slog.New(slog.NewJSONHandler(&logs, nil)), Features: []Feature{failingFeature{}}})
	for path, secret := range map[string]string{"/api/v1/test/fail": "secret_admin", "/api/v1/test/panic": "secret panic"} {
		logs.Reset()
		resp, err := app.Test(httptest.NewRequest(http.MethodGet, path, nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		var p Problem
		if err := json.Unmarshal(body, &p); err != nil || resp.StatusCode != 500 || p.Code != "internal" {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
		if strings.Contains(string(body), secret) {
			t.Errorf("%s: the answer leaks %q: %s", path, secret, body)
		}
		if !strings.Contains(logs.String(), secret) || !strings.Contains(logs.String(), p.RequestID) {
			t.Errorf("%s: the log lacks the cause or the request id: %s", path, logs.String())
		}
	}
}

// TestARetryableDatabaseFailureAsksForTheRequestAgain: a deadlock or serialization
// failure is 503 with Retry-After, not an anonymous 500.
func TestARetryableDatabaseFailureAsksForTheRequestAgain(t *testing.T) {
	p := problemFor(fmt.Errorf("%w: deadlock detected", db.ErrRetry))
	if p.Status != http.StatusServiceUnavailable || p.Code != "retry" {
		t.Fatalf("problem: %+v", p)
	}
}
