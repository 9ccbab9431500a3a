package booking_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

type named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type expandedItem struct {
	ID      string `json:"id"`
	Patient *struct {
		ID        string `json:"id"`
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
		Phone     string `json:"phone"`
	} `json:"patient"`
	Service *named `json:"service"`
	Doctor  *named `json:"doctor"`
	Chair   *named `json:"chair"`
}

// TestDayViewExpandsNames: ?expand= puts the patient's, service's (in the branch's
// language), doctor's and chair's names on each item; without it none are sent, and
// an unknown name is refused naming expand.
func TestDayViewExpandsNames(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		admin := f.Env.As(actor.Admin)
		bookingtest.DecodeID(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(10, 0), "+48601000021")))
		bookingtest.DecodeID(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(1, f.Extraction, f.At(10, 0), "+48601000022")))
		day := "/api/v1/appointments?branch_id=" + f.Branch.ID + "&date=" + f.Day.Format("2006-01-02")
		var out struct {
			Items []expandedItem `json:"items"`
		}
		admin.Do(http.MethodGet, day+"&expand=patient,service,doctor,chair", nil).Decode(t, &out)
		if len(out.Items) != 2 {
			t.Fatalf("items %+v", out.Items)
		}
		for _, it := range out.Items {
			if it.Patient == nil || it.Patient.LastName != "Kowalski" || it.Patient.Phone == "" ||
				it.Service == nil || it.Doctor == nil || it.Doctor.Name == "" || it.Chair == nil || it.Chair.Name == "" {
				t.Fatalf("expanded item %+v", it)
			}
		}
		if s := out.Items[0].Service.Name + "|" + out.Items[1].Service.Name; s != "Przegląd|Ekstrakcja" && s != "Ekstrakcja|Przegląd" {
			t.Errorf("service names %s", s)
		}
		if out.Items[0].Chair.Name == out.Items[1].Chair.Name {
			t.Errorf("two visits at 10:00 in one chair: %s", out.Items[0].Chair.Name)
		}
		out.Items = nil
		admin.Do(http.MethodGet, day+"&expand=doctor", nil).Decode(t, &out)
		if it := out.Items[0]; it.Doctor == nil || it.Patient != nil || it.Service != nil || it.Chair != nil {
			t.Fatalf("only the doctor was asked for: %+v", it)
		}
		out.Items = nil
		admin.Do(http.MethodGet, day, nil).Decode(t, &out)
		if it := out.Items[0]; it.Doctor != nil || it.Patient != nil {
			t.Fatalf("nothing was asked for: %+v", it)
		}
		bookingtest.ExpectStatus(t, admin.Do(http.MethodGet, day+"&expand=patient,insurance", nil), http.StatusBadRequest, "")
		r := admin.Do(http.MethodGet, day+"&expand=patient,insurance", nil)
		if p := r.Problem(t); len(p.Errors) == 0 || p.Errors[0].Field != "expand" {
			t.Fatalf("want the error to name expand: %s", r.Body)
		}
	})
}
