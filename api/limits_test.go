package api_test

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// listsWithLimit are the contract's GET paths that take ?limit=, read from the
// contract so a new list is covered the day it is documented.
func listsWithLimit(t *testing.T) []string {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPISpec())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for path, item := range doc.Paths.Map() {
		if item.Get != nil && takesLimit(append(item.Parameters, item.Get.Parameters...)) {
			out = append(out, path)
		}
	}
	slices.Sort(out)
	return out
}

func takesLimit(params openapi3.Parameters) bool {
	for _, p := range params {
		if p.Value != nil && p.Value.In == "query" && p.Value.Name == "limit" {
			return true
		}
	}
	return false
}

// pathParam is an OpenAPI path parameter; patientParam the patient_id a list filter names.
var (
	pathParam    = regexp.MustCompile(`\{[^}]+\}`)
	patientParam = regexp.MustCompile(`patient_id=[^&]+`)
)

// limitPath fills a list's path ids with the patient's and adds the filters the list
// needs to answer 200 (patient_id, where asked, is the patient's too).
func limitPath(path, patientID string) string {
	pattern := pathParam.ReplaceAllStringFunc(path, func(s string) string { return ":" + s[1:len(s)-1] })
	q := patientParam.ReplaceAllString(listQueries[pattern], "patient_id="+patientID)
	if q == "" {
		q = "?"
	} else {
		q += "&"
	}
	// A figure's rows are named by the figure, not by an id.
	path = strings.ReplaceAll(path, "{name}", "no_show_rate")
	return pathParam.ReplaceAllString(path, patientID) + q
}

// TestEveryListTakesTheSameLimits calls every list with bad limits (400 naming limit)
// and with limit=1 (200).
func TestEveryListTakesTheSameLimits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apitest.NewEnv(t, d, apitest.Demo())
		patientID := seedPatient(t, e)
		owner := e.As(actor.Owner)
		lists := listsWithLimit(t)
		for _, want := range []string{"/api/v1/staff", "/api/v1/audit", "/api/v1/patients", "/api/v1/patients/{id}/messages"} {
			if !slices.Contains(lists, want) {
				t.Fatalf("the contract's lists with limit %v miss %s", lists, want)
			}
		}
		for _, path := range lists {
			for _, bad := range []string{"0", "-1", "201", "abc", "1.5"} {
				r := owner.Do(http.MethodGet, limitPath(path, patientID)+"limit="+bad, nil)
				if r.Status != http.StatusBadRequest || !namesField(r.Problem(t), "limit") {
					t.Errorf("GET %s limit=%s = %d %s", path, bad, r.Status, r.Body)
				}
			}
			if r := owner.Do(http.MethodGet, limitPath(path, patientID)+"limit=1", nil); r.Status != http.StatusOK {
				t.Errorf("GET %s limit=1 = %d %s", path, r.Status, r.Body)
			}
		}
	})
}

func namesField(p api.Problem, field string) bool {
	for _, fe := range p.Errors {
		if strings.EqualFold(fe.Field, field) {
			return true
		}
	}
	return false
}

// seedPatient makes a branch and a patient, for the lists whose path or filter names one.
func seedPatient(t *testing.T, e *apitest.Env) string {
	t.Helper()
	ctx := context.Background()
	b, err := e.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: "Centrum", Address: "ul. Marszałkowska 1",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN",
		Hours: clinic.OpeningHours{clinic.Weekdays[0]: {{Open: "08:00", Close: "16:00"}}}})
	if err != nil {
		t.Fatalf("branch: %v", err)
	}
	p, _, err := e.Clinic.CreatePatient(ctx, clinic.PatientInput{BranchID: b.ID, FirstName: "Anna", LastName: "Nowak",
		Phone: "+48601000001", Locale: "pl"})
	if err != nil {
		t.Fatalf("patient: %v", err)
	}
	return p.ID
}
