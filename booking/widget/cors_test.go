package widget_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

const (
	allowed    = "https://clinic.example"
	disallowed = "https://evil.example"
)

// fromOrigin returns an anonymous client whose requests come from a page of origin.
func (k *kit) fromOrigin(origin string) *apitest.Client {
	c := k.e.Anonymous()
	c.Header.Set("Origin", origin)
	return c
}

func wantCORS(t *testing.T, what string, h http.Header, origin string) {
	t.Helper()
	if got := h.Get("Access-Control-Allow-Origin"); got != origin {
		t.Errorf("%s: Access-Control-Allow-Origin %q, want %q", what, got, origin)
	}
	if origin != "" && h.Get("Vary") == "" {
		t.Errorf("%s: no Vary header", what)
	}
}

// preflight sends the OPTIONS a browser sends before a JSON POST.
func (k *kit) preflight(path, origin string) *http.Response {
	k.t.Helper()
	req := httptest.NewRequest(http.MethodOptions, path, nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	resp, err := k.e.HTTP.Test(req, -1)
	if err != nil {
		k.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func TestPublicAPIAnswersCORSOnlyForTheBranchsWebsites(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.setOrigins(allowed)
		s := k.freeSlot()
		avail := "/api/v1/public/availability?branch_id=" + k.branch + "&service_id=" + s.Service
		catalog := "/api/v1/public/branches/" + k.branch
		for _, path := range []string{avail, catalog} {
			if vary := k.e.Anonymous().Do(http.MethodGet, path, nil).Header.Get("Vary"); vary != "Origin" {
				t.Errorf("%s without Origin: Vary %q, want Origin", path, vary)
			}
			wantCORS(t, "allowed "+path, k.fromOrigin(allowed).Do(http.MethodGet, path, nil).Header, allowed)
			wantCORS(t, "disallowed "+path, k.fromOrigin(disallowed).Do(http.MethodGet, path, nil).Header, "")
		}
		holds := "/api/v1/public/holds?branch_id=" + k.branch
		resp := k.preflight(holds, allowed)
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Methods") == "" {
			t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
		}
		wantCORS(t, "preflight", resp.Header, allowed)
		wantCORS(t, "preflight from elsewhere", k.preflight(holds, disallowed).Header, "")
		r := k.fromOrigin(allowed).Do(http.MethodPost, holds, holdBody(s, "+48 601 234 567", 5000))
		wantCORS(t, "hold", r.Header, allowed)
		var hold struct {
			HoldID string `json:"hold_id"`
		}
		r.Decode(t, &hold)
		verify := "/api/v1/public/holds/" + hold.HoldID + "/verify"
		wantCORS(t, "verify preflight (branch through the hold)", k.preflight(verify, allowed).Header, allowed)
		wantCORS(t, "verify preflight from elsewhere", k.preflight(verify, disallowed).Header, "")
		bad := k.fromOrigin(allowed).Do(http.MethodPost, verify, map[string]string{"code": "12"})
		wantCORS(t, "a problem answer", bad.Header, allowed)
	})
}

func TestCORSLeavesOtherRoutesAlone(t *testing.T) {
	k := newKit(t, dbtest.New(t))
	k.setOrigins(allowed)
	r := k.owner.As(k.owner.Token)
	r.Header.Set("Origin", allowed)
	wantCORS(t, "staff route", r.Do(http.MethodGet, "/api/v1/branches/"+k.branch, nil).Header, "")
	wantCORS(t, "no branch named", k.fromOrigin(allowed).Do(http.MethodGet, "/api/v1/public/availability", nil).Header, "")
}

func TestDemoModeAllowsTheServersOwnOrigin(t *testing.T) {
	k := newKit(t, dbtest.New(t), apitest.Demo())
	self := "http://example.com" // the host httptest requests name
	path := "/api/v1/public/branches/" + k.branch
	wantCORS(t, "own origin", k.fromOrigin(self).Do(http.MethodGet, path, nil).Header, self)
	wantCORS(t, "another origin", k.fromOrigin(disallowed).Do(http.MethodGet, path, nil).Header, "")
	plain := newKit(t, dbtest.New(t))
	wantCORS(t, "own origin outside demo mode", plain.fromOrigin(self).Do(http.MethodGet, "/api/v1/public/branches/"+plain.branch, nil).Header, "")
}
