package recall_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Every bad input is a 4xx problem naming the field, and nothing is written.
func TestBadInputsAreRefusedNamingTheField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		_, patient := k.book(k.f.Checkup, k.next(), "+48601000041")
		other := bookingtest.Must(k.f.Env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: "Mokotów",
			Address: "ul. Puławska 1", Phone: "+48221234568", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl",
			Currency: "PLN", Hours: clinic.OpeningHours{}}))(t)
		doctor, rule := k.f.DoctorAPI[0], "/api/v1/recalls/rules/"+k.f.Checkup.ID
		for _, c := range []struct {
			name   string
			client *apitest.Client
			method string
			path   string
			body   any
			status int
			field  string
		}{
			{"months 37", k.owner, http.MethodPut, rule, map[string]any{"months": 37}, 400, "months"},
			{"months -1", k.owner, http.MethodPut, rule, map[string]any{"months": -1}, 400, "months"},
			{"months missing", k.owner, http.MethodPut, rule, map[string]any{}, 400, "months"},
			{"months a string", k.owner, http.MethodPut, rule, map[string]any{"months": "6"}, 400, "months"},
			{"unknown service", k.owner, http.MethodPut, "/api/v1/recalls/rules/" + uuid.NewString(), map[string]any{"months": 6}, 400, "service_id"},
			{"service not an id", k.owner, http.MethodPut, "/api/v1/recalls/rules/checkup", map[string]any{"months": 6}, 400, "service_id"},
			{"bad date", k.admin, http.MethodGet, "/api/v1/recalls?branch_id=" + k.f.Branch.ID + "&due_before=2026-13-01", nil, 400, "due_before"},
			{"no branch", k.admin, http.MethodGet, "/api/v1/recalls", nil, 400, "branch_id"},
			{"other branch's list", doctor, http.MethodGet, "/api/v1/recalls?branch_id=" + other.ID, nil, 400, "branch_id"},
			{"bad cursor", k.admin, http.MethodGet, "/api/v1/recalls?branch_id=" + k.f.Branch.ID + "&cursor=nope", nil, 400, "cursor"},
			{"bad limit", k.admin, http.MethodGet, "/api/v1/recalls?branch_id=" + k.f.Branch.ID + "&limit=0", nil, 400, "limit"},
			{"unknown recall", k.admin, http.MethodPost, "/api/v1/recalls/" + uuid.NewString() + "/dismiss", nil, 404, "recall_not_found"},
			{"stages empty", doctor, http.MethodPost, "/api/v1/treatment-plans", plan1(patient, k.f.Branch.ID), 400, "stages"},
			{"stage's unknown service", doctor, http.MethodPost, "/api/v1/treatment-plans",
				plan1(patient, k.f.Branch.ID, stage(k.f.Checkup.ID, 0), stage(uuid.NewString(), 7)), 400, "stages[1].service_id"},
			{"after_days 731", doctor, http.MethodPost, "/api/v1/treatment-plans",
				plan1(patient, k.f.Branch.ID, stage(k.f.Checkup.ID, 731)), 400, "stages[0].after_days"},
			{"after_days missing", doctor, http.MethodPost, "/api/v1/treatment-plans",
				plan1(patient, k.f.Branch.ID, map[string]any{"service_id": k.f.Checkup.ID}), 400, "stages[0].after_days"},
			{"unknown patient", doctor, http.MethodPost, "/api/v1/treatment-plans",
				plan1(uuid.NewString(), k.f.Branch.ID, stage(k.f.Checkup.ID, 0)), 400, "patient_id"},
			{"other branch's plan", doctor, http.MethodPost, "/api/v1/treatment-plans",
				plan1(patient, other.ID, stage(k.f.Checkup.ID, 0)), 400, "branch_id"},
			{"unknown branch", k.admin, http.MethodPost, "/api/v1/treatment-plans",
				plan1(patient, uuid.NewString(), stage(k.f.Checkup.ID, 0)), 400, "branch_id"},
			{"unknown patient's plans", k.admin, http.MethodGet, "/api/v1/patients/" + uuid.NewString() + "/treatment-plans", nil, 404, "patient_not_found"},
			{"a nurse sets a rule", k.f.Env.As(actor.Nurse), http.MethodPut, rule, map[string]any{"months": 6}, 403, "forbidden"},
		} {
			t.Run(c.name, func(t *testing.T) {
				refused(t, c.client.Do(c.method, c.path, c.body), c.status, c.field)
			})
		}
		if got := k.plans(patient); len(got) != 0 {
			t.Fatalf("refused plans were written: %+v", got)
		}
		if rules := k.rules(); rules[k.f.Checkup.ID] != 6 {
			t.Fatalf("a refused rule was written: %v", rules)
		}
	})
}

func plan1(patient, branch string, stages ...map[string]any) map[string]any {
	if stages == nil {
		stages = []map[string]any{}
	}
	return map[string]any{"patient_id": patient, "branch_id": branch, "stages": stages}
}
