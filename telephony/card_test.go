package telephony_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// The card the desk sees while the phone rings carries the patient's next visit, the
// papers it still needs (at least the service's own; the pack may add more) and the
// last message (the booking's reminder), from the features that keep them.
func TestTheCallersCardShowsTheNextVisitItsPapersTasksAndLastMessage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		ctx := context.Background()
		papers := []string{doctemplate.Contract, doctemplate.ConsentGeneral}
		svc := bookingtest.Must(f.Env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "filling",
			Names: map[string]string{"en": "Filling", "pl": "Wypełnienie"}, DurationMinutes: 30, PriceMinor: 30000,
			Currency: "PLN", ChairCapability: "general", RequiredDocuments: papers}))(t)
		f.Env.Clinic.UpdateDoctor(ctx, f.Doctors[0].ID, clinic.DoctorPatch{ServiceIDs: &[]string{svc.ID, f.Checkup.ID}})
		desk := f.Env.As(actor.Admin)
		visit := bookingtest.DecodeID(t, desk.Do(http.MethodPost, "/api/v1/appointments",
			f.Booking(0, svc, f.At(10, 0), "+48601234567")))
		var line struct {
			Token string `json:"token"`
		}
		f.Env.As(actor.Owner).Do(http.MethodPost, "/api/v1/phone-lines",
			map[string]string{"branch_id": f.Branch.ID, "provider": "generic"}).Decode(t, &line)
		f.Env.Anonymous().Raw(http.MethodPost, "/api/v1/telephony/"+line.Token+"/events", "application/x-www-form-urlencoded",
			[]byte(event("newCall", callID(), "from", "601 234 567", "direction", "in").Encode()))
		if _, err := f.Env.Telephony.ProcessOnce(ctx); err != nil {
			t.Fatal(err)
		}
		var out struct {
			Items []struct {
				Cards []struct {
					NextVisit *struct {
						ID        string `json:"id"`
						Confirmed bool   `json:"confirmed"`
						Doctor    string `json:"doctor"`
					} `json:"next_visit"`
					Unsigned    int       `json:"unsigned_documents"`
					LastMessage *struct{} `json:"last_message"`
				} `json:"cards"`
			} `json:"items"`
		}
		r := desk.Do(http.MethodGet, "/api/v1/calls/live?branch_id="+f.Branch.ID, nil)
		r.Decode(t, &out)
		if len(out.Items) != 1 || len(out.Items[0].Cards) != 1 {
			t.Fatalf("live: %s", r.Body)
		}
		card := out.Items[0].Cards[0]
		if card.NextVisit == nil || card.NextVisit.ID != visit || card.NextVisit.Confirmed || card.NextVisit.Doctor == "" ||
			card.Unsigned < len(papers) || card.LastMessage == nil {
			t.Fatalf("card: %s", r.Body)
		}
	})
}
