package waitlist_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

func TestWaitlistJoinListAndLeave(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newWaitKit(t, d)
		body := k.entryBody(k.patient("Ola", "+48601100001", "pl"))
		body["doctor_id"] = k.Doctors[0].ID
		body["preferences"] = map[string]any{"weekdays": []int{5, 1}, "from": "09:00", "to": "13:30"}
		r := k.DoctorAPI[0].Do(http.MethodPost, "/api/v1/waitlist", body)
		bookingtest.ExpectStatus(t, r, http.StatusCreated, "")
		var e struct {
			ID          string  `json:"id"`
			DoctorID    *string `json:"doctor_id"`
			Status      string  `json:"status"`
			Preferences struct {
				Weekdays []int  `json:"weekdays"`
				From     string `json:"from"`
			} `json:"preferences"`
		}
		r.Decode(t, &e)
		if e.Status != "waiting" || e.DoctorID == nil || *e.DoctorID != k.Doctors[0].ID ||
			len(e.Preferences.Weekdays) != 2 || e.Preferences.Weekdays[0] != 1 || e.Preferences.From != "09:00" {
			t.Fatalf("entry: %s", r.Body)
		}
		inline := k.entryBody("")
		delete(inline, "patient_id")
		inline["patient"] = map[string]any{"first_name": "Jan", "last_name": "Nowy", "phone": "601 100 002"}
		other := k.join(inline)
		if got := k.entryStatus(e.ID); got != "waiting" {
			t.Fatalf("status %q", got)
		}
		bookingtest.ExpectStatus(t, k.owner.Do(http.MethodDelete, "/api/v1/waitlist/"+e.ID, nil), http.StatusNoContent, "")
		bookingtest.ExpectStatus(t, k.owner.Do(http.MethodDelete, "/api/v1/waitlist/"+e.ID, nil), http.StatusNoContent, "")
		if got := k.entryStatus(e.ID); got != "cancelled" {
			t.Fatalf("after leaving: %q", got)
		}
		r = k.owner.Do(http.MethodGet, "/api/v1/waitlist?status=waiting", nil)
		if !strings.Contains(string(r.Body), other) || strings.Contains(string(r.Body), e.ID) {
			t.Fatalf("waiting list: %s", r.Body)
		}
		if n := k.count(`SELECT COUNT(*) FROM waitlist_entries`); n != 2 {
			t.Fatalf("%d entries stored, want the cancelled one kept", n)
		}
	})
}

func TestWaitlistIsScopedToTheCallersBranches(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newWaitKit(t, d)
		k.join(k.entryBody(k.patient("Ola", "+48601100001", "pl")))
		stranger := k.Env.As(actor.Doctor) // works at no branch, so the directory hides this one
		bookingtest.ExpectStatus(t, stranger.Do(http.MethodPost, "/api/v1/waitlist", k.entryBody(uuid.NewString())), http.StatusNotFound, "branch_not_found")
		r := stranger.Do(http.MethodGet, "/api/v1/waitlist", nil)
		if r.Status != http.StatusOK || strings.Contains(string(r.Body), k.Branch.ID) {
			t.Fatalf("a doctor of no branch sees: %d %s", r.Status, r.Body)
		}
		bookingtest.ExpectStatus(t, stranger.Do(http.MethodGet, "/api/v1/waitlist?branch_id="+k.Branch.ID, nil), http.StatusNotFound, "branch_not_found")
		r = k.DoctorAPI[1].Do(http.MethodGet, "/api/v1/waitlist", nil)
		if !strings.Contains(string(r.Body), k.Branch.ID) {
			t.Fatalf("the branch's doctor does not see its entry: %s", r.Body)
		}
		bookingtest.ExpectStatus(t, k.Env.As(actor.Nurse).Do(http.MethodGet, "/api/v1/waitlist", nil), http.StatusForbidden, "")
	})
}

func TestWaitlistBadInputNamesTheFieldAndStoresNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newWaitKit(t, d)
		ctx := context.Background()
		patient := k.patient("Ola", "+48601100001", "pl")
		lonely := bookingtest.Must(k.Env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "implant", Names: map[string]string{"en": "Implant"},
			DurationMinutes: 90, PriceMinor: 1, Currency: "PLN"}))(t)
		day := func(days int) string { return k.Day.AddDate(0, 0, days).Format(time.DateOnly) }
		cases := []struct {
			name   string
			change func(b map[string]any)
			status int
			field  string
		}{
			{"no branch", func(b map[string]any) { delete(b, "branch_id") }, 400, "branch_id"},
			{"bad branch id", func(b map[string]any) { b["branch_id"] = "x" }, 400, "branch_id"},
			{"no earliest", func(b map[string]any) { delete(b, "earliest") }, 400, "earliest"},
			{"bad earliest", func(b map[string]any) { b["earliest"] = "2026-13-01" }, 400, "earliest"},
			{"latest first", func(b map[string]any) { b["latest"] = day(-2) }, 400, "latest"},
			{"window too long", func(b map[string]any) { b["latest"] = day(400) }, 400, "latest"},
			{"in the past", func(b map[string]any) { b["earliest"], b["latest"] = day(-30), day(-20) }, 400, "latest"},
			{"weekday zero", func(b map[string]any) { b["preferences"] = map[string]any{"weekdays": []int{0}} }, 400, "preferences.weekdays[0]"},
			{"weekday twice", func(b map[string]any) { b["preferences"] = map[string]any{"weekdays": []int{2, 2}} }, 400, "preferences.weekdays"},
			{"bad from", func(b map[string]any) { b["preferences"] = map[string]any{"from": "25:00"} }, 400, "preferences.from"},
			{"to before from", func(b map[string]any) { b["preferences"] = map[string]any{"from": "12:00", "to": "09:00"} }, 400, "preferences.to"},
			{"unknown field", func(b map[string]any) { b["priority"] = 1 }, 400, "priority"},
			{"no patient", func(b map[string]any) { delete(b, "patient_id") }, 400, "patient_id"},
			{"both patients", func(b map[string]any) {
				b["patient"] = map[string]any{"first_name": "A", "last_name": "B", "phone": "+48601100009"}
			}, 400, "patient_id"},
			{"bad inline phone", func(b map[string]any) {
				delete(b, "patient_id")
				b["patient"] = map[string]any{"first_name": "A", "last_name": "B", "phone": "12"}
			}, 400, "patient.phone"},
			{"unknown patient", func(b map[string]any) { b["patient_id"] = uuid.NewString() }, 404, ""},
			{"unknown branch", func(b map[string]any) { b["branch_id"] = uuid.NewString() }, 404, ""},
			{"unknown service", func(b map[string]any) { b["service_id"] = uuid.NewString() }, 404, ""},
			{"unknown doctor", func(b map[string]any) { b["doctor_id"] = uuid.NewString() }, 404, ""},
			{"doctor without the service", func(b map[string]any) {
				b["service_id"], b["doctor_id"] = lonely.ID, k.Doctors[0].ID
			}, 422, ""},
		}
		patients := k.count(`SELECT COUNT(*) FROM patients`)
		for _, c := range cases {
			body := k.entryBody(patient)
			c.change(body)
			r := k.owner.Do(http.MethodPost, "/api/v1/waitlist", body)
			if r.Status != c.status {
				t.Errorf("%s: %d, want %d: %s", c.name, r.Status, c.status, r.Body)
				continue
			}
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("%s: content type %q", c.name, ct)
			}
			if c.field != "" && !namesField(r.Problem(t).Errors, c.field) {
				t.Errorf("%s: errors do not name %s: %s", c.name, c.field, r.Body)
			}
		}
		if n := k.count(`SELECT COUNT(*) FROM waitlist_entries`); n != 0 {
			t.Errorf("%d entries stored from bad input", n)
		}
		if n := k.count(`SELECT COUNT(*) FROM patients`); n != patients {
			t.Errorf("bad input registered %d patients", n-patients)
		}
		bookingtest.ExpectStatus(t, k.owner.Do(http.MethodDelete, "/api/v1/waitlist/"+uuid.NewString(), nil), http.StatusNotFound, "waitlist_entry_not_found")
		bookingtest.ExpectStatus(t, k.owner.Do(http.MethodGet, "/api/v1/waitlist?status=maybe", nil), http.StatusBadRequest, "validation_failed")
	})
}

func namesField(errs []fault.FieldError, field string) bool {
	for _, e := range errs {
		if e.Field == field {
			return true
		}
	}
	return false
}
