package widget_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/app/demo"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// kit is the demo clinic seeded into a test app: a branch with services, doctors and
// weekly hours, and its owner signed in.
type kit struct {
	t      *testing.T
	e      *apitest.Env
	branch string
	owner  *apitest.Client
}

func newKit(t *testing.T, d *db.DB, opts ...apitest.Option) *kit {
	t.Helper()
	e := apitest.NewEnv(t, d, opts...)
	deps := demo.Deps{DB: d, Staff: e.Staff, Clinic: e.Clinic, Schedules: e.Schedules}
	if _, err := demo.Seed(t.Context(), deps, "pl"); err != nil {
		t.Fatalf("seed demo: %v", err)
	}
	branch, err := e.Widget.DemoBranch(t.Context())
	if err != nil || branch == "" {
		t.Fatalf("demo branch: %q %v", branch, err)
	}
	owner := e.Anonymous().As(e.Login(demo.Logins[0].Email, demo.Password))
	return &kit{t: t, e: e, branch: branch, owner: owner}
}

// catalog is the widget's view of the branch.
type catalog struct {
	ID       string `json:"id"`
	Locale   string `json:"locale"`
	Services []struct {
		ID              string            `json:"id"`
		Names           map[string]string `json:"names"`
		DurationMinutes int               `json:"duration_minutes"`
		ChangeWindow    int               `json:"change_window_minutes"`
	} `json:"services"`
	Doctors []struct {
		ID         string   `json:"id"`
		ServiceIDs []string `json:"service_ids"`
	} `json:"doctors"`
}

func (k *kit) catalog() catalog {
	k.t.Helper()
	r := k.e.Anonymous().Do(http.MethodGet, "/api/v1/public/branches/"+k.branch, nil)
	if r.Status != http.StatusOK {
		k.t.Fatalf("catalog: %d %s", r.Status, r.Body)
	}
	var c catalog
	r.Decode(k.t, &c)
	return c
}

// slot is a free time of a service at the branch.
type slot struct{ Service, Start string }

// freeSlot finds the first free time of the first service in the next two weeks.
func (k *kit) freeSlot() slot {
	k.t.Helper()
	service := k.catalog().Services[0].ID
	r := k.e.Anonymous().Do(http.MethodGet, "/api/v1/public/availability?days=14&branch_id="+k.branch+"&service_id="+service, nil)
	var out struct {
		Days []struct {
			Slots []struct {
				Start string `json:"start"`
			} `json:"slots"`
		} `json:"days"`
	}
	r.Decode(k.t, &out)
	for _, d := range out.Days {
		if len(d.Slots) > 0 {
			return slot{Service: service, Start: d.Slots[0].Start}
		}
	}
	k.t.Fatalf("no free time in two weeks: %s", r.Body)
	return slot{}
}

// holdBody is what the widget sends for a patient with phone.
func holdBody(s slot, phone string, elapsedMS int) map[string]any {
	return map[string]any{"service_id": s.Service, "start": s.Start, "elapsed_ms": elapsedMS,
		"patient": map[string]any{"first_name": "Anna", "last_name": "Nowak", "phone": phone, "locale": "pl"}}
}

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

// code reads the last code sent for a hold from the outbox.
func (k *kit) code(holdID string) string {
	k.t.Helper()
	rows, err := k.e.Messages.Recent(k.t.Context(), messaging.Filter{Limit: 500})
	if err != nil {
		k.t.Fatal(err)
	}
	for _, m := range rows {
		if strings.HasPrefix(m.DedupeKey, "code:"+holdID+":") {
			return sixDigits.FindString(m.Body)
		}
	}
	k.t.Fatalf("no code for hold %s in the outbox", holdID)
	return ""
}

// book holds s and verifies the code, returning the manage link's token.
func (k *kit) book(s slot, phone string) string {
	k.t.Helper()
	r := k.e.Anonymous().Do(http.MethodPost, "/api/v1/public/holds?branch_id="+k.branch, holdBody(s, phone, 5000))
	if r.Status != http.StatusCreated {
		k.t.Fatalf("hold: %d %s", r.Status, r.Body)
	}
	var hold struct {
		HoldID string `json:"hold_id"`
	}
	r.Decode(k.t, &hold)
	r = k.e.Anonymous().Do(http.MethodPost, fmt.Sprintf("/api/v1/public/holds/%s/verify", hold.HoldID),
		map[string]string{"code": k.code(hold.HoldID)})
	if r.Status != http.StatusOK {
		k.t.Fatalf("verify: %d %s", r.Status, r.Body)
	}
	var v struct {
		ManageURL string `json:"manage_url"`
	}
	r.Decode(k.t, &v)
	return v.ManageURL[strings.LastIndex(v.ManageURL, "/")+1:]
}
