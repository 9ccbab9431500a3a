package waitlist_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// waitKit drives the waitlist through the API of the booking fixture's clinic, with
// the dev outbox to read offers and codes from.
type waitKit struct {
	*selfKit
}

func newWaitKit(t *testing.T, d *db.DB) *waitKit {
	return &waitKit{selfKit: newSelfKit(t, d)}
}

// patient registers a patient at the fixture's branch and returns their id.
func (k *waitKit) patient(name, phone, locale string) string {
	k.T.Helper()
	p, _, err := k.Env.Clinic.CreatePatient(context.Background(), clinic.PatientInput{BranchID: k.Branch.ID,
		FirstName: name, LastName: "Czekalska", Phone: phone, Locale: locale})
	if err != nil {
		k.T.Fatalf("patient: %v", err)
	}
	return p.ID
}

// entryBody asks for the check-up at the fixture's branch from the day before the
// fixture's day to the day after it.
func (k *waitKit) entryBody(patientID string) map[string]any {
	return map[string]any{"patient_id": patientID, "branch_id": k.Branch.ID, "service_id": k.Checkup.ID,
		"earliest": k.Day.AddDate(0, 0, -1).Format(time.DateOnly), "latest": k.Day.AddDate(0, 0, 1).Format(time.DateOnly)}
}

// join puts an entry on the waitlist and returns its id.
func (k *waitKit) join(body map[string]any) string {
	k.T.Helper()
	r := k.owner.Do(http.MethodPost, "/api/v1/waitlist", body)
	if r.Status != http.StatusCreated {
		k.T.Fatalf("join: %d %s", r.Status, r.Body)
	}
	return bookingtest.DecodeID(k.T, r)
}

// bookAndCancel books the check-up with doctor i at start for someone else, cancels
// it and runs the relay, so the freed time reaches the waitlist.
func (k *waitKit) bookAndCancel(doctor int, start time.Time) string {
	k.T.Helper()
	r := k.owner.Do(http.MethodPost, "/api/v1/appointments", k.Booking(doctor, k.Checkup, start, "+48601777000"))
	if r.Status != http.StatusCreated {
		k.T.Fatalf("book: %d %s", r.Status, r.Body)
	}
	id := bookingtest.DecodeID(k.T, r)
	r = k.owner.Do(http.MethodPost, "/api/v1/appointments/"+id+"/cancel", map[string]string{"reason": "ill"})
	if r.Status != http.StatusOK {
		k.T.Fatalf("cancel: %d %s", r.Status, r.Body)
	}
	k.relay()
	return id
}

// relay delivers every pending lifecycle event.
func (k *waitKit) relay() {
	k.T.Helper()
	for range 20 {
		n, err := k.Env.Events.RunOnce(context.Background())
		if err != nil {
			k.T.Fatalf("relay: %v", err)
		}
		if n == 0 {
			return
		}
	}
}

// offers lists the waitlist offers sent to phone, newest first.
func (k *waitKit) offers(phone string) []outboxItem {
	var out []outboxItem
	for _, m := range k.outbox(phone) {
		if m.Template == "waitlist_offer" {
			out = append(out, m)
		}
	}
	return out
}

// offerToken reads the token of the one offer sent to phone.
func (k *waitKit) offerToken(phone string) string {
	k.T.Helper()
	offers := k.offers(phone)
	if len(offers) != 1 {
		k.T.Fatalf("%d offers sent to %s, want 1", len(offers), phone)
	}
	_, token, ok := strings.Cut(k.Env.ExpandLinks(offers[0].Body), "https://frontdesk.test/w/")
	if !ok {
		k.T.Fatalf("no offer link in %q", offers[0].Body)
	}
	return token
}

type offerJSON struct {
	ID     string    `json:"id"`
	Status string    `json:"status"`
	Start  time.Time `json:"start"`
	Doctor struct {
		ID string `json:"id"`
	} `json:"doctor"`
}

func (k *waitKit) offer(token string) *apitest.Response {
	return k.anon.Do(http.MethodGet, "/api/v1/public/waitlist-offers/"+token, nil)
}

func (k *waitKit) holdOffer(token string) *apitest.Response {
	return k.anon.Raw(http.MethodPost, "/api/v1/public/waitlist-offers/"+token+"/hold", "", nil)
}

// entryStatus reads an entry's status from the staff list.
func (k *waitKit) entryStatus(id string) string {
	k.T.Helper()
	r := k.owner.Do(http.MethodGet, "/api/v1/waitlist?branch_id="+k.Branch.ID, nil)
	var out struct {
		Items []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"items"`
	}
	r.Decode(k.T, &out)
	for _, e := range out.Items {
		if e.ID == id {
			return e.Status
		}
	}
	k.T.Fatalf("entry %s not listed", id)
	return ""
}
