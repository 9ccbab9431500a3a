package schedule_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// schAPI is the app over a Warsaw branch open 08:00–20:00 with a general chair, a
// second branch with a chair of its own, a 30-minute service and two doctors at the
// first branch, each signed in.
type schAPI struct {
	t        *testing.T
	env      *apitest.Env
	owner    *apitest.Client
	branch   clinic.Branch
	other    clinic.Branch
	chair    clinic.Chair
	farChair clinic.Chair
	svc      clinic.Procedure
	docs     []clinic.Doctor
	docAPI   []*apitest.Client
	loc      *time.Location
}

// schNeed fails the test on err and otherwise gives v: schNeed(f())(t).
func schNeed[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		return v
	}
}

func newSchAPI(t *testing.T, d *db.DB) *schAPI {
	ctx := context.Background()
	f := &schAPI{t: t, env: apitest.NewEnv(t, d)}
	f.owner = f.env.As(actor.Owner)
	hours := clinic.OpeningHours{}
	for _, wd := range clinic.Weekdays {
		hours[wd] = []clinic.Interval{{Open: "08:00", Close: "20:00"}}
	}
	newBranch := func(name string) clinic.Branch {
		return schNeed(f.env.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: name, Country: "PL",
			TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: hours}))(t)
	}
	f.branch, f.other = newBranch("Centrum"), newBranch("Praga")
	f.loc, _ = time.LoadLocation("Europe/Warsaw")
	f.chair = schNeed(f.env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: f.branch.ID, Name: "A", Capabilities: []string{"general"}}))(t)
	f.farChair = schNeed(f.env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: f.other.ID, Name: "B", Capabilities: []string{"general"}}))(t)
	f.svc = schNeed(f.env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "chk", Names: map[string]string{"en": "Check-up"},
		DurationMinutes: 30, PriceMinor: 100, Currency: "PLN", ChairCapability: "general"}))(t)
	for range 2 {
		c := f.env.SignIn(actor.Doctor, f.branch.ID)
		var me struct {
			ID string `json:"id"`
		}
		c.Do(http.MethodGet, "/api/v1/me", nil).Decode(t, &me)
		f.docs = append(f.docs, schNeed(f.env.Clinic.CreateDoctor(ctx, clinic.DoctorInput{StaffID: me.ID, ServiceIDs: []string{f.svc.ID}}))(t))
		f.docAPI = append(f.docAPI, c)
	}
	return f
}

// schExpect checks the status and, for problems, the code and the field named first.
func schExpect(t *testing.T, r *apitest.Response, status int, code, field string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	if code == "" && field == "" {
		return
	}
	p := r.Problem(t)
	if code != "" && p.Code != code {
		t.Fatalf("code %q, want %q: %s", p.Code, code, r.Body)
	}
	if field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != field) {
		t.Fatalf("want the error to name %q: %s", field, r.Body)
	}
}

func (f *schAPI) interval(weekday int, start, end string) map[string]any {
	return map[string]any{"weekday": weekday, "start": start, "end": end, "branch_id": f.branch.ID, "valid_from": "2026-01-01"}
}

func (f *schAPI) schedulePath(doc int) string {
	return "/api/v1/doctors/" + f.docs[doc].ID + "/schedule"
}

func TestScheduleAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newSchAPI(t, d)
		morning := f.interval(1, "08:00", "12:00")
		morning["chair_id"] = f.chair.ID
		good := map[string]any{"intervals": []any{morning, f.interval(1, "12:00", "16:00"), f.interval(3, "09:00", "24:00")}}
		r := f.owner.Do(http.MethodPut, f.schedulePath(0), good)
		schExpect(t, r, http.StatusOK, "", "")
		var out struct {
			DoctorID  string `json:"doctor_id"`
			Intervals []struct {
				Weekday int     `json:"weekday"`
				Start   string  `json:"start"`
				End     string  `json:"end"`
				ChairID *string `json:"chair_id"`
				ValidTo *string `json:"valid_to"`
			} `json:"intervals"`
		}
		r.Decode(t, &out)
		if len(out.Intervals) != 3 || out.Intervals[0].ChairID == nil || out.Intervals[2].End != "24:00" || out.Intervals[1].ValidTo != nil {
			t.Fatalf("stored %s", r.Body)
		}
		stored := string(f.owner.Do(http.MethodGet, f.schedulePath(0), nil).Body)
		for name, c := range schBadSchedules(f) {
			t.Run(name, func(t *testing.T) {
				schExpect(t, f.owner.Do(http.MethodPut, f.schedulePath(0), c.body), c.status, c.code, c.field)
				if now := string(f.owner.Do(http.MethodGet, f.schedulePath(0), nil).Body); now != stored {
					t.Fatalf("a refused schedule changed the stored one:\n%s\n%s", stored, now)
				}
			})
		}
		schExpect(t, f.owner.Do(http.MethodPut, "/api/v1/doctors/0190aaaa-0000-7000-8000-00000000ffff/schedule", good), http.StatusNotFound, "doctor_not_found", "")
		schExpect(t, f.owner.Raw(http.MethodPut, f.schedulePath(0), "application/json", []byte(`{"intervals":[],"x":1}`)), http.StatusBadRequest, "", "x")
	})
}

type schBad struct {
	body        any
	status      int
	code, field string
}

func schBadSchedules(f *schAPI) map[string]schBad {
	with := func(key string, v any) map[string]any {
		iv := f.interval(2, "09:00", "17:00")
		iv[key] = v
		return map[string]any{"intervals": []any{iv}}
	}
	one := func(iv map[string]any) map[string]any { return map[string]any{"intervals": []any{iv}} }
	return map[string]schBad{
		"weekday":         {with("weekday", 8), http.StatusBadRequest, "validation_failed", "intervals[0].weekday"},
		"start":           {with("start", "9:00"), http.StatusBadRequest, "validation_failed", "intervals[0].start"},
		"end":             {with("end", "24:30"), http.StatusBadRequest, "validation_failed", "intervals[0].end"},
		"end before":      {one(f.interval(2, "12:00", "11:00")), http.StatusBadRequest, "validation_failed", "intervals[0].end"},
		"valid_from":      {with("valid_from", "2026-13-01"), http.StatusBadRequest, "validation_failed", "intervals[0].valid_from"},
		"valid_to":        {with("valid_to", "2025-12-31"), http.StatusBadRequest, "validation_failed", "intervals[0].valid_to"},
		"branch_id shape": {with("branch_id", "centrum"), http.StatusBadRequest, "validation_failed", "intervals[0].branch_id"},
		"branch_id":       {with("branch_id", f.other.ID), http.StatusUnprocessableEntity, "unworkable_schedule", "intervals[0].branch_id"},
		"chair_id":        {with("chair_id", f.farChair.ID), http.StatusUnprocessableEntity, "unworkable_schedule", "intervals[0].chair_id"},
		"overlap": {map[string]any{"intervals": []any{f.interval(4, "09:00", "13:00"), f.interval(4, "12:30", "15:00")}},
			http.StatusUnprocessableEntity, "unworkable_schedule", "intervals[1]"},
		"intervals": {map[string]any{}, http.StatusBadRequest, "validation_failed", "intervals"},
	}
}

// TestScheduleAPIAccess: a doctor edits only their own schedule; a nurse reads.
func TestScheduleAPIAccess(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newSchAPI(t, d)
		body := map[string]any{"intervals": []any{f.interval(5, "08:00", "14:00")}}
		schExpect(t, f.docAPI[0].Do(http.MethodPut, f.schedulePath(0), body), http.StatusOK, "", "")
		schExpect(t, f.docAPI[0].Do(http.MethodPut, f.schedulePath(1), body), http.StatusForbidden, "not_your_schedule", "")
		nurse := f.env.SignIn(actor.Nurse, f.branch.ID)
		schExpect(t, nurse.Do(http.MethodPut, f.schedulePath(0), body), http.StatusForbidden, "forbidden", "")
		r := nurse.Do(http.MethodGet, f.schedulePath(0), nil)
		schExpect(t, r, http.StatusOK, "", "")
		path := "/api/v1/doctors/" + f.docs[1].ID + "/exceptions"
		off := map[string]any{"kind": "time_off", "start": "2026-06-01T08:00:00+02:00", "end": "2026-06-02T08:00:00+02:00"}
		schExpect(t, f.docAPI[0].Do(http.MethodPost, path, off), http.StatusForbidden, "not_your_schedule", "")
		schExpect(t, f.docAPI[1].Do(http.MethodPost, path, off), http.StatusCreated, "", "")
	})
}

func TestExceptionsAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newSchAPI(t, d)
		path := "/api/v1/doctors/" + f.docs[0].ID + "/exceptions"
		shift := map[string]any{"kind": "extra_shift", "start": "2026-06-06T09:00:00+02:00", "end": "2026-06-06T13:00:00+02:00",
			"branch_id": f.branch.ID, "chair_id": f.chair.ID, "reason": "Saturday clinic"}
		r := f.owner.Do(http.MethodPost, path, shift)
		schExpect(t, r, http.StatusCreated, "", "")
		var created struct {
			ID        string  `json:"id"`
			Start     string  `json:"start"`
			BranchID  *string `json:"branch_id"`
			CreatedBy *string `json:"created_by"`
		}
		r.Decode(t, &created)
		if created.Start != "2026-06-06T07:00:00Z" || created.BranchID == nil || created.CreatedBy == nil {
			t.Fatalf("created %s", r.Body)
		}
		bad := map[string]struct {
			change map[string]any
			status int
			field  string
		}{
			"kind":          {map[string]any{"kind": "holiday"}, http.StatusBadRequest, "kind"},
			"start":         {map[string]any{"start": "2026-06-06 09:00"}, http.StatusBadRequest, "start"},
			"end":           {map[string]any{"end": "2026-06-06T08:00:00+02:00"}, http.StatusBadRequest, "end"},
			"branch_id":     {map[string]any{"branch_id": ""}, http.StatusBadRequest, "branch_id"},
			"other branch":  {map[string]any{"branch_id": f.other.ID, "chair_id": ""}, http.StatusUnprocessableEntity, "branch_id"},
			"far chair":     {map[string]any{"chair_id": f.farChair.ID}, http.StatusUnprocessableEntity, "chair_id"},
			"time off here": {map[string]any{"kind": "time_off"}, http.StatusBadRequest, "branch_id"},
			"reason":        {map[string]any{"reason": string(make([]byte, 501))}, http.StatusBadRequest, "reason"},
		}
		for name, c := range bad {
			body := map[string]any{}
			for k, v := range shift {
				body[k] = v
			}
			for k, v := range c.change {
				body[k] = v
			}
			t.Run(name, func(t *testing.T) { schExpect(t, f.owner.Do(http.MethodPost, path, body), c.status, "", c.field) })
		}
		var list struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		f.owner.Do(http.MethodGet, path, nil).Decode(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != created.ID {
			t.Fatalf("list after refusals: %+v", list)
		}
		f.owner.Do(http.MethodGet, path+"?from=2026-06-06T13:00:00Z", nil).Decode(t, &list)
		if len(list.Items) != 0 {
			t.Fatalf("from after the end: %+v", list)
		}
		schExpect(t, f.owner.Do(http.MethodGet, path+"?from=tomorrow", nil), http.StatusBadRequest, "", "from")
		schExpect(t, f.owner.Do(http.MethodDelete, path+"/"+created.ID, nil), http.StatusNoContent, "", "")
		schExpect(t, f.owner.Do(http.MethodDelete, path+"/"+created.ID, nil), http.StatusNotFound, "exception_not_found", "")
	})
}
