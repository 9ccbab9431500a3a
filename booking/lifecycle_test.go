package booking_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

type visitOut struct {
	Status         string  `json:"status"`
	ArrivedAt      *string `json:"arrived_at"`
	SeatedAt       *string `json:"seated_at"`
	WaitingMinutes *int    `json:"waiting_minutes"`
	CancelReason   string  `json:"cancel_reason"`
	Start          string  `json:"start"`
}

func TestLifecycleFromBookedToCompleted(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		admin := f.Env.As(actor.Admin)
		id := bookingtest.DecodeID(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(10, 0), "+48601000001")))
		path := "/api/v1/appointments/" + id
		bookingtest.ExpectStatus(t, admin.Do(http.MethodPost, path+"/seat", nil), http.StatusConflict, "invalid_transition")
		for _, step := range []string{"confirm", "check-in"} {
			bookingtest.ExpectStatus(t, admin.Do(http.MethodPost, path+"/"+step, nil), http.StatusOK, "")
		}
		f.Env.Clock.Advance(12 * time.Minute)
		// The papers are unsigned: the documents gate refuses, and the visit's own doctor
		// seats the patient anyway with a reason.
		bookingtest.ExpectStatus(t, f.DoctorAPI[0].Do(http.MethodPost, path+"/seat", nil), http.StatusConflict, "documents_unsigned")
		bookingtest.ExpectStatus(t, f.DoctorAPI[0].Do(http.MethodPost, path+"/seat", map[string]string{"override_reason": "signs after the check-up"}), http.StatusOK, "")
		bookingtest.ExpectStatus(t, f.DoctorAPI[0].Do(http.MethodPost, path+"/complete", nil), http.StatusOK, "")
		var v visitOut
		admin.Do(http.MethodGet, path, nil).Decode(t, &v)
		if v.Status != "completed" || v.ArrivedAt == nil || v.SeatedAt == nil || v.WaitingMinutes == nil || *v.WaitingMinutes != 12 {
			t.Fatalf("after completion: %+v", v)
		}
		bookingtest.ExpectStatus(t, admin.Do(http.MethodPost, path+"/cancel", map[string]string{"reason": "x"}), http.StatusConflict, "invalid_transition")
		var kinds []string
		if err := d.R.Select(&kinds, d.R.Rebind(`SELECT kind FROM appointment_events WHERE appointment_id = ? ORDER BY id`), id); err != nil {
			t.Fatal(err)
		}
		if got := len(kinds); got != 5 || kinds[0] != "booked" || kinds[4] != "completed" {
			t.Fatalf("events %v", kinds)
		}
	})
}

func TestCancelNeedsAReasonAndFreesTheTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		admin := f.Env.As(actor.Admin)
		id := bookingtest.DecodeID(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(10, 0), "+48601000001")))
		r := admin.Do(http.MethodPost, "/api/v1/appointments/"+id+"/cancel", nil)
		bookingtest.ExpectStatus(t, r, http.StatusBadRequest, "validation_failed")
		if p := r.Problem(t); p.Errors[0].Field != "reason" {
			t.Fatalf("errors %+v", p.Errors)
		}
		bookingtest.ExpectStatus(t, admin.Do(http.MethodPost, "/api/v1/appointments/"+id+"/cancel", map[string]string{"reason": "patient is ill"}), http.StatusOK, "")
		bookingtest.ExpectStatus(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(10, 0), "+48601000002")), http.StatusCreated, "")
	})
}

func TestNoShowOnlyAfterTheStart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		admin := f.Env.As(actor.Admin)
		id := bookingtest.DecodeID(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(10, 0), "+48601000001")))
		bookingtest.ExpectStatus(t, admin.Do(http.MethodPost, "/api/v1/appointments/"+id+"/no-show", nil), http.StatusConflict, "invalid_transition")
		f.Env.Clock.Advance(time.Until(f.At(10, 20)))
		admin = f.Env.SignIn(actor.Admin) // the first token expired while the clock moved a week
		bookingtest.ExpectStatus(t, admin.Do(http.MethodPost, "/api/v1/appointments/"+id+"/no-show", nil), http.StatusOK, "")
	})
}

func TestDoctorsBookOnlyThemselvesAndReferNewPatients(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		r := f.DoctorAPI[0].Do(http.MethodPost, "/api/v1/appointments", f.Booking(1, f.Checkup, f.At(10, 0), "+48601000001"))
		bookingtest.ExpectStatus(t, r, http.StatusForbidden, "doctor_books_self")
		body := f.Booking(0, f.Checkup, f.At(10, 0), "+48601000001")
		body["source"] = "doctor_app"
		r = f.DoctorAPI[0].Do(http.MethodPost, "/api/v1/appointments", body)
		bookingtest.ExpectStatus(t, r, http.StatusCreated, "")
		var out struct {
			BookedBy         *string `json:"booked_by"`
			ReferredByDoctor *string `json:"referred_by_doctor"`
		}
		r.Decode(t, &out)
		if out.BookedBy == nil || out.ReferredByDoctor == nil || *out.ReferredByDoctor != f.Doctors[0].ID {
			t.Fatalf("booked_by/referred_by_doctor: %s", r.Body)
		}
		bookingtest.ExpectStatus(t, f.DoctorAPI[0].Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(21, 0), "+48601000002")),
			http.StatusUnprocessableEntity, "outside_working_time")
	})
}

func TestBookingBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		admin := f.Env.As(actor.Admin)
		// Two weeks back, or the first day after that the branch was open: on a closed
		// day the answer would be outside_working_time.
		back := f.Env.OpenDay(f.Branch.ID, f.At(10, 0).AddDate(0, 0, -14), f.Loc)
		past := time.Date(back.Year(), back.Month(), back.Day(), 10, 0, 0, 0, f.Loc)
		cases := []struct {
			name   string
			change func(map[string]any)
			status int
			code   string
		}{
			{"off grid", func(b map[string]any) { b["start"] = f.At(10, 7).Format(time.RFC3339) }, 422, "not_on_grid"},
			{"in the past", func(b map[string]any) { b["start"] = past.Format(time.RFC3339) }, 422, "too_soon"},
			{"unknown doctor", func(b map[string]any) { b["doctor_id"] = uuid.NewString() }, 404, "doctor_not_found"},
			{"unknown service", func(b map[string]any) { b["service_id"] = uuid.NewString() }, 404, "service_not_found"},
			{"unknown patient", func(b map[string]any) { delete(b, "patient"); b["patient_id"] = uuid.NewString() }, 404, "patient_not_found"},
			{"malformed start", func(b map[string]any) { b["start"] = "tomorrow at ten" }, 400, "validation_failed"},
			{"bad source", func(b map[string]any) { b["source"] = "fax" }, 400, "validation_failed"},
			{"bad phone", func(b map[string]any) { b["patient"].(map[string]any)["phone"] = "abc" }, 400, "validation_failed"},
			{"unfit chair", func(b map[string]any) { b["chair_id"] = f.General[0].ID; b["service_id"] = f.Extraction.ID }, 422, "chair_unfit"},
		}
		for _, tc := range cases {
			body := f.Booking(0, f.Checkup, f.At(10, 0), "+48601000001")
			tc.change(body)
			r := admin.Do(http.MethodPost, "/api/v1/appointments", body)
			if r.Status != tc.status || r.Problem(t).Code != tc.code {
				t.Errorf("%s: %d %s", tc.name, r.Status, r.Body)
			}
		}
		var n int
		if err := d.R.Get(&n, "SELECT COUNT(*) FROM appointments"); err != nil || n != 0 {
			t.Fatalf("bad input stored %d appointments", n)
		}
	})
}
