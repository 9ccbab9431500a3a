package calendar_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// A feed's URL is built on --public-url, whatever host the staff member's request
// named: a calendar app subscribed to the request's host (an internal name behind a
// proxy, or a forged Host header) would fetch from the wrong place.
func TestCalendarFeedURLUsesPublicURL(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newCalFixture(t, d)
		c := f.docAPI[0]
		c.Header.Set("X-Forwarded-Host", "internal.example")
		r := c.Do(http.MethodGet, "/api/v1/me/calendar", nil)
		if r.Status != http.StatusOK {
			t.Fatalf("me/calendar: %d %s", r.Status, r.Body)
		}
		var out calFeeds
		r.Decode(t, &out)
		if out.Created == nil {
			t.Fatalf("no feed created: %s", r.Body)
		}
		if want := apitest.PublicURL + out.Created.Path; out.Created.URL != want {
			t.Fatalf("feed URL %q, want %q", out.Created.URL, want)
		}
		if resp, _ := f.fetch(strings.TrimPrefix(out.Created.URL, apitest.PublicURL)); resp.Status != http.StatusOK {
			t.Fatalf("the feed at its URL answers %d", resp.Status)
		}
	})
}
