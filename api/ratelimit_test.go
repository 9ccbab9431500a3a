package api_test

import (
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// TestPublicCodeRoutesAreRateLimited: the eleventh verify attempt within a minute
// from one address gets 429 with Retry-After, whatever the hold.
func TestPublicCodeRoutesAreRateLimited(t *testing.T) {
	e := apitest.NewEnv(t, dbtest.New(t), apitest.RateLimited())
	c := e.Anonymous()
	for i := range 10 {
		r := c.Do(http.MethodPost, "/api/v1/public/holds/"+uuid.NewString()+"/verify", map[string]string{"code": "123456"})
		if r.Status == http.StatusTooManyRequests {
			t.Fatalf("request %d already limited", i+1)
		}
	}
	r := c.Do(http.MethodPost, "/api/v1/public/holds/"+uuid.NewString()+"/verify", map[string]string{"code": "123456"})
	if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" || r.Problem(t).Code != "rate_limited" {
		t.Fatalf("eleventh attempt: %d %v %s", r.Status, r.Header, r.Body)
	}
	if r := c.Do(http.MethodGet, "/healthz", nil); r.Status != http.StatusOK {
		t.Fatalf("other routes are limited too: %d", r.Status)
	}
}
