package selfservice_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// TestHoldBadInput sends every kind of bad hold request: each is a 4xx problem naming
// the field or the reason, and none leaves a row behind.
func TestHoldBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		other, err := k.Env.Clinic.CreateProcedure(t.Context(), clinic.ProcedureInput{Code: "whitening",
			Names: map[string]string{"en": "Whitening"}, DurationMinutes: 30, PriceMinor: 1, Currency: "PLN"})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range holdBadInputs(k, other.ID) {
			body := k.holdBody(0, k.At(10, 0), phoneN(1))
			c.edit(body, body["patient"].(map[string]any))
			r := k.anon.Do(http.MethodPost, "/api/v1/public/holds", body)
			if r.Status != c.status {
				t.Errorf("%s: %d, want %d: %s", c.name, r.Status, c.status, r.Body)
				continue
			}
			p := r.Problem(t)
			if c.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != c.field) {
				t.Errorf("%s: errors %+v do not name %s", c.name, p.Errors, c.field)
			}
			if c.code != "" && p.Code != c.code {
				t.Errorf("%s: code %q, want %q", c.name, p.Code, c.code)
			}
		}
		for _, table := range []string{"appointments", "outbox", "patients", "appointment_events"} {
			if n := k.count(`SELECT COUNT(*) FROM ` + table); n != 0 {
				t.Errorf("bad requests left %d rows in %s", n, table)
			}
		}
	})
}

type badHold struct {
	name   string
	edit   func(body, patient map[string]any)
	status int
	field  string
	code   string
}

func holdBadInputs(k *selfKit, notPerformed string) []badHold {
	past := k.Env.Clock.Now().Add(-time.Hour).Truncate(time.Hour)
	return []badHold{
		{"no service", func(b, _ map[string]any) { delete(b, "service_id") }, 400, "service_id", "validation_failed"},
		{"service not an id", func(b, _ map[string]any) { b["service_id"] = "x" }, 400, "service_id", "validation_failed"},
		{"doctor not an id", func(b, _ map[string]any) { b["doctor_id"] = "1" }, 400, "doctor_id", "validation_failed"},
		{"no start", func(b, _ map[string]any) { delete(b, "start") }, 400, "start", "validation_failed"},
		{"start malformed", func(b, _ map[string]any) { b["start"] = "tomorrow 10:00" }, 400, "start", "validation_failed"},
		{"start without offset", func(b, _ map[string]any) { b["start"] = "2030-01-02T10:00:00" }, 400, "start", "validation_failed"},
		{"no patient", func(b, _ map[string]any) { delete(b, "patient") }, 400, "patient", "validation_failed"},
		{"no phone", func(_, p map[string]any) { delete(p, "phone") }, 400, "patient.phone", "validation_failed"},
		{"letters for a phone", func(_, p map[string]any) { p["phone"] = "call me" }, 400, "patient.phone", "validation_failed"},
		{"too short a phone", func(_, p map[string]any) { p["phone"] = "123" }, 400, "patient.phone", "validation_failed"},
		{"blank first name", func(_, p map[string]any) { p["first_name"] = "   " }, 400, "patient.first_name", "validation_failed"},
		{"no last name", func(_, p map[string]any) { delete(p, "last_name") }, 400, "patient.last_name", "validation_failed"},
		{"bad e-mail", func(_, p map[string]any) { p["email"] = "anna@" }, 400, "patient.email", "validation_failed"},
		{"bad birth date", func(_, p map[string]any) { p["birth_date"] = "1990-13-01" }, 400, "patient.birth_date", "validation_failed"},
		{"born tomorrow", func(_, p map[string]any) { p["birth_date"] = k.Env.Clock.Now().AddDate(0, 0, 3).Format(time.DateOnly) },
			400, "patient.birth_date", "validation_failed"},
		{"unknown locale", func(_, p map[string]any) { p["locale"] = "de" }, 400, "patient.locale", "validation_failed"},
		{"no locale", func(_, p map[string]any) { delete(p, "locale") }, 400, "patient.locale", "validation_failed"},
		{"unknown field", func(b, _ map[string]any) { b["promo"] = "x" }, 400, "promo", "validation_failed"},
		{"long complaint", func(b, _ map[string]any) { b["complaint"] = string(make([]byte, 1001)) }, 400, "complaint", ""},
		{"honeypot", func(b, _ map[string]any) { b["website"] = "http://spam.example" }, 422, "", "rejected"},
		{"off the grid", func(b, _ map[string]any) { b["start"] = k.At(10, 5).Format(time.RFC3339) }, 422, "", "not_on_grid"},
		{"in the past", func(b, _ map[string]any) { b["start"] = past.Format(time.RFC3339) }, 422, "", "too_soon"},
		{"beyond the horizon", func(b, _ map[string]any) { b["start"] = k.At(10, 0).AddDate(0, 0, 70).Format(time.RFC3339) }, 422, "", "too_far"},
		{"unknown service", func(b, _ map[string]any) { b["service_id"] = uuid.NewString() }, 404, "", "service_not_found"},
		{"unknown service, any doctor", func(b, _ map[string]any) { b["service_id"] = uuid.NewString(); delete(b, "doctor_id") },
			404, "", "service_not_found"},
		{"unknown doctor", func(b, _ map[string]any) { b["doctor_id"] = uuid.NewString() }, 404, "", "doctor_not_found"},
		{"service the doctor does not do", func(b, _ map[string]any) { b["service_id"] = notPerformed }, 422, "",
			"doctor_does_not_perform_service"},
		{"nobody does the service", func(b, _ map[string]any) { b["service_id"] = notPerformed; delete(b, "doctor_id") }, 422, "",
			"outside_working_time"},
	}
}

func TestHoldInsideTheNoticeIsTooSoon(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		k.moveClockTo(k.At(9, 0))
		r := k.anon.Do(http.MethodPost, "/api/v1/public/holds", k.holdBody(0, k.At(10, 0), phoneN(1)))
		bookingtest.ExpectStatus(t, r, http.StatusUnprocessableEntity, "too_soon")
		k.hold(k.holdBody(0, k.At(11, 0), phoneN(1)))
	})
}

func TestVerifyAndResendBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		h := k.hold(k.holdBody(0, k.At(10, 0), phoneN(1)))
		for _, code := range []string{"12345", "1234567", "abcdef", ""} {
			r := k.verify(h.HoldID, code)
			bookingtest.ExpectStatus(t, r, http.StatusBadRequest, "validation_failed")
			if f := r.Problem(t).Errors[0].Field; f != "code" {
				t.Errorf("code %q: names %q", code, f)
			}
		}
		bookingtest.ExpectStatus(t, k.anon.Raw(http.MethodPost, "/api/v1/public/holds/"+h.HoldID+"/verify", "text/plain", []byte("123456")),
			http.StatusUnsupportedMediaType, "")
		bookingtest.ExpectStatus(t, k.verify(uuid.NewString(), "123456"), http.StatusNotFound, "hold_not_found")
		bookingtest.ExpectStatus(t, k.verify("not-an-id", "123456"), http.StatusNotFound, "hold_not_found")
		bookingtest.ExpectStatus(t, k.anon.Do(http.MethodPost, "/api/v1/public/holds/"+uuid.NewString()+"/resend", nil), http.StatusNotFound, "hold_not_found")
		staff := k.Env.As("admin").Do(http.MethodPost, "/api/v1/appointments", k.Booking(1, k.Checkup, k.At(12, 0), phoneN(2)))
		bookingtest.ExpectStatus(t, k.verify(bookingtest.DecodeID(t, staff), "123456"), http.StatusNotFound, "hold_not_found")
		if n := k.count(`SELECT hold_attempts FROM appointments WHERE id = ?`, h.HoldID); n != 0 {
			t.Errorf("bad requests spent %d attempts", n)
		}
	})
}
