package booking_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// TestPatientExportHoldsTheVisits: the GDPR export of a patient carries their visits,
// including the one a reschedule left behind, as stored rows.
func TestPatientExportHoldsTheVisits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		admin := f.Env.As(actor.Admin)
		var booked struct {
			ID        string `json:"id"`
			PatientID string `json:"patient_id"`
		}
		admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(9, 0), "+48601000001")).Decode(t, &booked)
		r := admin.Do(http.MethodPatch, "/api/v1/appointments/"+booked.ID, map[string]any{"start": f.At(10, 0).Format(time.RFC3339)})
		bookingtest.ExpectStatus(t, r, http.StatusOK, "")
		var x struct {
			Records map[string][]map[string]any `json:"records"`
		}
		f.Env.As(actor.Owner).Do(http.MethodGet, "/api/v1/patients/"+booked.PatientID+"/export", nil).Decode(t, &x)
		visits := x.Records["appointments"]
		if len(visits) != 2 {
			t.Fatalf("export has %d visits, want the moved one and the new one: %v", len(visits), x.Records)
		}
		if visits[0]["id"] != booked.ID || visits[0]["status"] != "rescheduled" || visits[1]["status"] != "booked" {
			t.Errorf("visits in export = %v", visits)
		}
		if _, ok := x.Records["outbox"]; !ok {
			t.Errorf("export lacks the messages section: %v", x.Records)
		}
	})
}
