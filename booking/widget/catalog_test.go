package widget_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestCatalogShowsWhatTheBranchBooksOnline(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		c := k.catalog()
		if c.ID != k.branch || c.Locale != "pl" || len(c.Services) == 0 || len(c.Doctors) != 3 {
			t.Fatalf("catalog: %+v", c)
		}
		var offered []string
		for _, s := range c.Services {
			if s.Names["pl"] == "" || s.Names["en"] == "" || s.DurationMinutes <= 0 {
				t.Errorf("service %+v lacks a name or a duration", s)
			}
			offered = append(offered, s.ID)
		}
		for _, doc := range c.Doctors {
			for _, id := range doc.ServiceIDs {
				if !slices.Contains(offered, id) {
					t.Errorf("doctor %s names service %s the catalog does not offer", doc.ID, id)
				}
			}
		}
	})
}

func TestCatalogOfAnUnknownOrClosedBranchIsNotFound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		anon := k.e.Anonymous()
		for _, id := range []string{uuid.NewString(), "not-an-id", "00000000-0000-0000-0000-000000000000"} {
			r := anon.Do(http.MethodGet, "/api/v1/public/branches/"+id, nil)
			if r.Status != http.StatusNotFound || r.Problem(t).Code != "branch_not_found" {
				t.Errorf("branch %q: %d %s", id, r.Status, r.Body)
			}
		}
		if r := k.owner.Do(http.MethodPost, "/api/v1/branches/"+k.branch+"/deactivate", nil); r.Status != http.StatusOK {
			t.Fatalf("deactivate: %d %s", r.Status, r.Body)
		}
		if r := anon.Do(http.MethodGet, "/api/v1/public/branches/"+k.branch, nil); r.Status != http.StatusNotFound {
			t.Errorf("closed branch: %d %s", r.Status, r.Body)
		}
	})
}

func TestDemoPageEmbedsTheFirstBranch(t *testing.T) {
	k := newKit(t, dbtest.New(t), apitest.Demo())
	r := k.e.Anonymous().Do(http.MethodGet, "/widget/demo?locale=ru", nil)
	body := string(r.Body)
	if r.Status != http.StatusOK || !contains(body, `branch="`+k.branch+`"`, `locale="ru"`, "/widget.js?v=") {
		t.Fatalf("demo page: %d %s", r.Status, body)
	}
	if csp := r.Header.Get("Content-Security-Policy"); !contains(csp, "script-src 'self'", "connect-src 'self'") {
		t.Errorf("demo page CSP %q does not let the widget run", csp)
	}
	if r := k.e.Anonymous().Do(http.MethodGet, "/widget/demo.css", nil); r.Status != http.StatusOK {
		t.Errorf("demo.css: %d", r.Status)
	}
	off := apitest.NewEnv(t, dbtest.New(t))
	if r := off.Anonymous().Do(http.MethodGet, "/widget/demo", nil); r.Status != http.StatusNotFound {
		t.Errorf("demo page outside demo mode: %d", r.Status)
	}
}

// Each service carries its change window as the branch's rules (and the service's
// own, where it has one) set it: the widget warns of it before booking.
func TestCatalogNamesEachServicesChangeWindow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		s := &site{kit: k}
		s.setChangeWindow(t, 120)
		first := k.catalog().Services[0].ID
		if r := k.owner.Do(http.MethodPut, "/api/v1/services/"+first+"/booking-rules",
			map[string]any{"change_window_minutes": 2880}); r.Status != http.StatusOK {
			t.Fatalf("service rules: %d %s", r.Status, r.Body)
		}
		for _, svc := range k.catalog().Services {
			want := map[bool]int{true: 2880, false: 120}[svc.ID == first]
			if svc.ChangeWindow != want {
				t.Errorf("service %s: change window %d, want %d", svc.ID, svc.ChangeWindow, want)
			}
		}
	})
}
