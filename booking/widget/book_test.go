package widget_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// The booking page (outside demo mode) embeds the branch's widget opened on the
// service and in the language the link names; a service that is not an id is left
// out, a locale Frontdesk does not speak gives the branch's, and an unknown branch is
// 404.
func TestTheBookingPageOpensTheWidgetOnTheLinkedService(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		service := k.catalog().Services[0].ID
		r := k.e.Anonymous().Do(http.MethodGet, "/book/"+k.branch+"?service="+service+"&locale=sv", nil)
		body := string(r.Body)
		if r.Status != http.StatusOK || !contains(body, `branch="`+k.branch+`"`, `service="`+service+`"`, `locale="sv"`,
			`<script src="/widget.js?v=`) {
			t.Fatalf("booking page: %d %s", r.Status, body)
		}
		if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Fatalf("CSP %q", csp)
		}
		r = k.e.Anonymous().Do(http.MethodGet, `/book/`+k.branch+`?service="><script>&locale=xx`, nil)
		if body := string(r.Body); r.Status != http.StatusOK || strings.Contains(body, "service=") || !contains(body, `locale="pl"`) {
			t.Fatalf("booking page with a bad service and locale: %d %s", r.Status, body)
		}
		for _, branch := range []string{uuid.NewString(), "nope"} {
			if r := k.e.Anonymous().Do(http.MethodGet, "/book/"+branch, nil); r.Status != http.StatusNotFound {
				t.Fatalf("booking page of branch %s: %d, want 404", branch, r.Status)
			}
		}
	})
}
