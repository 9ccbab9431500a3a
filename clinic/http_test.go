package clinic_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/staff"
)

// obj is a JSON object in a test request or answer.
type obj = map[string]any

type page struct {
	Items      []obj   `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func branchBody(name string) obj {
	return obj{"name": name, "address": "ul. Puławska 1", "phone": "22 123 45 67", "country": "PL",
		"time_zone": "Europe/Warsaw", "locale": "pl", "currency": "PLN",
		"opening_hours": obj{"mon": []obj{{"open": "13:00", "close": "20:00"}, {"open": "08:00", "close": "12:00"}}}}
}

// post sends a creating request and returns the answer's id, failing unless status is want.
func post(t *testing.T, c *apitest.Client, path string, body any, want int) obj {
	t.Helper()
	r := c.Do(http.MethodPost, path, body)
	if r.Status != want {
		t.Fatalf("POST %s = %d, want %d: %s", path, r.Status, want, r.Body)
	}
	var out obj
	r.Decode(t, &out)
	return out
}

func get(t *testing.T, c *apitest.Client, path string, want int) *apitest.Response {
	t.Helper()
	r := c.Do(http.MethodGet, path, nil)
	if r.Status != want {
		t.Fatalf("GET %s = %d, want %d: %s", path, r.Status, want, r.Body)
	}
	return r
}

func TestAPIDirectoryCRUD(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apitest.NewEnv(t, d)
		owner, admin := env.As(actor.Owner), env.As(actor.Admin)
		b := post(t, owner, "/api/v1/branches", branchBody("Mokotów"), http.StatusCreated)
		bid := b["id"].(string)
		if b["phone"] != "+48221234567" || b["opening_hours"].(obj)["mon"].([]any)[0].(obj)["open"] != "08:00" {
			t.Fatalf("branch answer %v", b)
		}
		chair := post(t, admin, "/api/v1/chairs", obj{"branch_id": bid, "name": "Chair 1", "capabilities": []string{"xray", "hygiene", "xray"}}, http.StatusCreated)
		svc := post(t, admin, "/api/v1/services", obj{"code": "checkup", "names": obj{"en": "Check-up", "pl": "Przegląd"},
			"duration_minutes": 30, "price_minor": 15000, "currency": "PLN", "required_documents": []string{"consent_general"}}, http.StatusCreated)
		doctorUser, err := env.Staff.Create(t.Context(), staff.NewStaff{Email: "dr@x.test", Name: "Dr Anna Nowak",
			Role: actor.Doctor, Password: apitest.Password, BranchIDs: []string{bid}})
		if err != nil {
			t.Fatal(err)
		}
		doc := post(t, admin, "/api/v1/doctors", obj{"staff_id": doctorUser.ID, "specialty": "endodontics",
			"service_ids": []string{svc["id"].(string)}}, http.StatusCreated)
		if doc["display_name"] != "Dr Anna Nowak" || len(doc["branch_ids"].([]any)) != 1 {
			t.Fatalf("doctor answer %v", doc)
		}
		post(t, admin, "/api/v1/doctors", obj{"staff_id": doctorUser.ID}, http.StatusConflict)

		for path, patch := range map[string]obj{
			"/api/v1/branches/" + bid:                {"name": "Mokotów II"},
			"/api/v1/chairs/" + chair["id"].(string): {"capabilities": []string{"surgery"}},
			"/api/v1/services/" + svc["id"].(string): {"price_minor": 17000},
			"/api/v1/doctors/" + doc["id"].(string):  {"service_ids": []string{}},
		} {
			c := admin
			if strings.Contains(path, "branches") {
				c = owner
			}
			if r := c.Do(http.MethodPatch, path, patch); r.Status != http.StatusOK {
				t.Errorf("PATCH %s = %d %s", path, r.Status, r.Body)
			}
			r := c.Do(http.MethodPost, path+"/deactivate", nil)
			var out obj
			r.Decode(t, &out)
			if r.Status != http.StatusOK || out["active"] != false {
				t.Errorf("deactivate %s = %d %s", path, r.Status, r.Body)
			}
			get(t, c, path, http.StatusOK)
		}
		for _, path := range []string{"/api/v1/branches", "/api/v1/chairs", "/api/v1/services", "/api/v1/doctors"} {
			var p page
			get(t, admin, path+"?active=false&limit=10", http.StatusOK).Decode(t, &p)
			if len(p.Items) != 1 || p.NextCursor != nil {
				t.Errorf("GET %s?active=false = %v", path, p)
			}
			get(t, admin, path+"?active=true", http.StatusOK).Decode(t, &p)
			if len(p.Items) != 0 {
				t.Errorf("GET %s?active=true = %v", path, p)
			}
		}
	})
}

func TestAPIListsPageWithCursor(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apitest.NewEnv(t, d)
		owner := env.As(actor.Owner)
		for _, n := range []string{"D", "B", "E", "A", "C"} {
			post(t, owner, "/api/v1/branches", branchBody(n), http.StatusCreated)
		}
		var names []string
		path := "/api/v1/branches?limit=2"
		for {
			var p page
			get(t, owner, path, http.StatusOK).Decode(t, &p)
			for _, b := range p.Items {
				names = append(names, b["name"].(string))
			}
			if p.NextCursor == nil {
				break
			}
			path = "/api/v1/branches?limit=2&cursor=" + *p.NextCursor
		}
		if got := strings.Join(names, ""); got != "ABCDE" {
			t.Fatalf("pages gave %q", got)
		}
	})
}

func TestAPIDoctorsAndNursesSeeOnlyTheirBranches(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apitest.NewEnv(t, d)
		owner := env.As(actor.Owner)
		mine := post(t, owner, "/api/v1/branches", branchBody("Mine"), http.StatusCreated)["id"].(string)
		other := post(t, owner, "/api/v1/branches", branchBody("Other"), http.StatusCreated)["id"].(string)
		for _, bid := range []string{mine, other} {
			post(t, owner, "/api/v1/chairs", obj{"branch_id": bid, "name": "Chair"}, http.StatusCreated)
		}
		theirs := post(t, owner, "/api/v1/patients", obj{"branch_id": other, "first_name": "Ewa", "last_name": "Zielińska",
			"phone": "601 111 222"}, http.StatusCreated)["id"].(string)
		doctor, nurse := env.SignIn(actor.Doctor, mine), env.SignIn(actor.Nurse, mine)
		for _, c := range []*apitest.Client{doctor, nurse} {
			for _, path := range []string{"/api/v1/branches", "/api/v1/chairs", "/api/v1/chairs?branch_id=" + other} {
				var p page
				get(t, c, path, http.StatusOK).Decode(t, &p)
				for _, it := range p.Items {
					if it["id"] == other || it["branch_id"] == other {
						t.Errorf("GET %s shows another branch: %v", path, it)
					}
				}
			}
			get(t, c, "/api/v1/branches/"+other, http.StatusNotFound)
		}
		var p page
		get(t, doctor, "/api/v1/patients", http.StatusOK).Decode(t, &p)
		if len(p.Items) != 0 {
			t.Errorf("doctor lists another branch's patients: %v", p.Items)
		}
		get(t, doctor, "/api/v1/patients/"+theirs, http.StatusNotFound)
		if r := doctor.Do(http.MethodPost, "/api/v1/patients", obj{"branch_id": other, "first_name": "A",
			"last_name": "B", "phone": "601 999 999"}); r.Status != http.StatusForbidden {
			t.Errorf("doctor registered a patient at another branch: %d %s", r.Status, r.Body)
		}
		r := doctor.Do(http.MethodPost, "/api/v1/patients", obj{"branch_id": mine, "first_name": "Ewa",
			"last_name": "Zielińska", "phone": "+48601111222"})
		if r.Status != http.StatusConflict || r.Problem(t).Code != "patient_registered_elsewhere" {
			t.Errorf("re-registering another branch's patient = %d %s", r.Status, r.Body)
		}
		get(t, nurse, "/api/v1/patients", http.StatusForbidden)
	})
}
