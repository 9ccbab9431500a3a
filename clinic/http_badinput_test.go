package clinic_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/staff"
)

// with returns a copy of base with the given fields set.
func with(base obj, kv ...any) obj {
	out := obj{}
	for k, v := range base {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

func TestAPIBadInputIsRefusedNamingTheField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apitest.NewEnv(t, d)
		owner := env.As(actor.Owner)
		bid := post(t, owner, "/api/v1/branches", branchBody("Mokotów"), http.StatusCreated)["id"].(string)
		nurse, err := env.Staff.Create(t.Context(), staff.NewStaff{Email: "n@x.test", Name: "Nurse",
			Role: actor.Nurse, Password: apitest.Password})
		if err != nil {
			t.Fatal(err)
		}
		patient := obj{"branch_id": bid, "first_name": "Jan", "last_name": "Kowalski", "phone": "601 234 567"}
		pid := post(t, owner, "/api/v1/patients", patient, http.StatusCreated)["id"].(string)
		service := obj{"code": "checkup", "names": obj{"en": "Check-up"}, "duration_minutes": 30,
			"price_minor": 100, "currency": "PLN"}
		missing := "0190aaaa-0000-7000-8000-00000000ffff"
		long := strings.Repeat("x", 10_000)
		hours := func(spans ...obj) obj { return with(branchBody("B"), "opening_hours", obj{"mon": spans}) }

		cases := []struct {
			name, method, path, contentType string
			body                            any // raw string, or marshalled
			status                          int
			field, code                     string
		}{
			{"malformed JSON", "POST", "/api/v1/branches", "", `{"name": "B",`, 400, "", "malformed_json"},
			{"unknown field", "POST", "/api/v1/branches", "", with(branchBody("B"), "colour", "red"), 400, "colour", ""},
			{"wrong type", "POST", "/api/v1/services", "", with(service, "duration_minutes", "thirty"), 400, "duration_minutes", ""},
			{"wrong content type", "POST", "/api/v1/branches", "text/plain", `{"name":"B"}`, 415, "", ""},
			{"time zone on Mars", "POST", "/api/v1/branches", "", with(branchBody("B"), "time_zone", "Mars/Olympus"), 400, "time_zone", ""},
			{"unknown locale", "POST", "/api/v1/branches", "", with(branchBody("B"), "locale", "de"), 400, "locale", ""},
			{"unknown country", "POST", "/api/v1/branches", "", with(branchBody("B"), "country", "XX"), 400, "country", ""},
			{"10 000-character name", "POST", "/api/v1/branches", "", with(branchBody("B"), "name", long), 400, "name", ""},
			{"hours overlap", "POST", "/api/v1/branches", "", hours(obj{"open": "08:00", "close": "13:00"}, obj{"open": "12:00", "close": "18:00"}), 400, "opening_hours.mon[1]", ""},
			{"hour 25", "POST", "/api/v1/branches", "", hours(obj{"open": "25:00", "close": "26:00"}), 400, "opening_hours.mon[0].open", ""},
			{"closes before opening", "POST", "/api/v1/branches", "", hours(obj{"open": "18:00", "close": "08:00"}), 400, "opening_hours.mon[0].close", ""},
			{"branch time zone patch", "PATCH", "/api/v1/branches/" + bid, "", obj{"time_zone": "Mars/Olympus"}, 400, "time_zone", ""},
			{"duration 7", "POST", "/api/v1/services", "", with(service, "duration_minutes", 7), 400, "duration_minutes", ""},
			{"duration 0", "POST", "/api/v1/services", "", with(service, "duration_minutes", 0), 400, "duration_minutes", ""},
			{"negative price", "POST", "/api/v1/services", "", with(service, "price_minor", -1), 400, "price_minor", ""},
			{"service name locale", "POST", "/api/v1/services", "", with(service, "names", obj{"de": "Kontrolle"}), 400, "names.de", ""},
			{"no service name", "POST", "/api/v1/services", "", with(service, "names", obj{}), 400, "names", ""},
			{"capability token", "POST", "/api/v1/chairs", "", obj{"branch_id": bid, "name": "C", "capabilities": []string{"X Ray"}}, 400, "capabilities[0]", ""},
			{"chair at no branch", "POST", "/api/v1/chairs", "", obj{"branch_id": missing, "name": "C"}, 400, "branch_id", ""},
			{"phone abc", "POST", "/api/v1/patients", "", with(patient, "phone", "abc"), 400, "phone", ""},
			{"phone invalid in Poland", "POST", "/api/v1/patients", "", with(patient, "phone", "123 45"), 400, "phone", ""},
			{"patient 10 000-character name", "POST", "/api/v1/patients", "", with(patient, "first_name", long), 400, "first_name", ""},
			{"patient unknown locale", "POST", "/api/v1/patients", "", with(patient, "locale", "de"), 400, "locale", ""},
			{"birth date in the future", "POST", "/api/v1/patients", "", with(patient, "birth_date", "2999-01-01"), 400, "birth_date", ""},
			{"patient at no branch", "POST", "/api/v1/patients", "", with(patient, "branch_id", missing), 400, "branch_id", ""},
			{"patch phone", "PATCH", "/api/v1/patients/" + pid, "", obj{"phone": "abc"}, 400, "phone", ""},
			{"doctor who is a nurse", "POST", "/api/v1/doctors", "", obj{"staff_id": nurse.ID}, 400, "staff_id", "validation_failed"},
			{"doctor who does not exist", "POST", "/api/v1/doctors", "", obj{"staff_id": missing}, 400, "staff_id", ""},
			{"merge with itself", "POST", "/api/v1/patients/" + pid + "/merge", "", obj{"duplicate_id": pid}, 400, "duplicate_id", ""},
			{"merge a missing card", "POST", "/api/v1/patients/" + pid + "/merge", "", obj{"duplicate_id": missing}, 400, "duplicate_id", ""},
			{"limit 0", "GET", "/api/v1/patients?limit=0", "", nil, 400, "limit", ""},
			{"limit 201", "GET", "/api/v1/branches?limit=201", "", nil, 400, "limit", ""},
			{"bad cursor", "GET", "/api/v1/chairs?cursor=bm9wZQ", "", nil, 400, "cursor", ""},
			{"bad sort", "GET", "/api/v1/patients?sort=id", "", nil, 400, "sort", ""},
			{"bad active", "GET", "/api/v1/services?active=yes", "", nil, 400, "active", ""},
			{"no such branch", "GET", "/api/v1/branches/" + missing, "", nil, 404, "", "branch_not_found"},
			{"no such chair", "PATCH", "/api/v1/chairs/" + missing, "", obj{"name": "C"}, 404, "", "chair_not_found"},
			{"no such service", "POST", "/api/v1/services/" + missing + "/deactivate", "", nil, 404, "", "service_not_found"},
			{"no such doctor", "GET", "/api/v1/doctors/" + missing, "", nil, 404, "", "doctor_not_found"},
			{"no such patient", "GET", "/api/v1/patients/" + missing, "", nil, 404, "", "patient_not_found"},
			{"not an id", "GET", "/api/v1/patients/1%20OR%201=1", "", nil, 404, "", "patient_not_found"},
			{"export of no one", "GET", "/api/v1/patients/" + missing + "/export", "", nil, 404, "", "patient_not_found"},
		}
		before := counts(t, d)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := send(t, owner, tc.method, tc.path, tc.contentType, tc.body)
				if r.Status != tc.status {
					t.Fatalf("%s %s = %d, want %d: %s", tc.method, tc.path, r.Status, tc.status, r.Body)
				}
				p := r.Problem(t)
				if tc.code != "" && p.Code != tc.code {
					t.Errorf("code = %q, want %q", p.Code, tc.code)
				}
				if tc.field != "" && !namesField(p.Errors, tc.field) {
					t.Errorf("errors %+v do not name %q", p.Errors, tc.field)
				}
			})
		}
		if after := counts(t, d); after != before {
			t.Errorf("bad input changed the tables: %v → %v", before, after)
		}
	})
}

func send(t *testing.T, c *apitest.Client, method, path, contentType string, body any) *apitest.Response {
	t.Helper()
	switch b := body.(type) {
	case nil:
		return c.Do(method, path, nil)
	case string:
		return c.Raw(method, path, orJSON(contentType), []byte(b))
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		return c.Raw(method, path, orJSON(contentType), raw)
	}
}

func orJSON(ct string) string {
	if ct == "" {
		return "application/json"
	}
	return ct
}

func namesField(errs []fault.FieldError, field string) bool {
	for _, e := range errs {
		if e.Field == field {
			return true
		}
	}
	return false
}

// counts is the row count of every directory table, to prove bad input stored nothing.
func counts(t *testing.T, d *db.DB) [6]int {
	var out [6]int
	for i, table := range []string{"branches", "chairs", "services", "doctors", "doctor_services", "patients"} {
		out[i] = count(t, d, table)
	}
	return out
}
