package selfservice_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// selfKit drives patient self-service through the public API of the booking
// fixture's clinic, in demo mode so that codes can be read from the dev outbox.
type selfKit struct {
	*bookingtest.Clinic
	anon  *apitest.Client
	owner *apitest.Client
}

func newSelfKit(t *testing.T, d *db.DB) *selfKit {
	f := bookingtest.NewClinic(t, d, apitest.Demo())
	return &selfKit{Clinic: f, anon: f.Env.Anonymous(), owner: f.Env.As(actor.Owner)}
}

// holdBody asks for the check-up at start with doctor i (-1: any doctor).
func (k *selfKit) holdBody(doctor int, start time.Time, phone string) map[string]any {
	body := map[string]any{"service_id": k.Checkup.ID, "start": start.Format(time.RFC3339),
		"patient": map[string]any{"first_name": "Anna", "last_name": "Nowak", "phone": phone,
			"birth_date": "1990-04-12", "locale": "pl"}}
	if doctor >= 0 {
		body["doctor_id"] = k.Doctors[doctor].ID
	}
	return body
}

type heldOut struct {
	HoldID    string    `json:"hold_id"`
	ExpiresAt time.Time `json:"expires_at"`
}

// hold places a hold and fails the test unless it is created.
func (k *selfKit) hold(body map[string]any) heldOut {
	k.T.Helper()
	r := k.anon.Do(http.MethodPost, "/api/v1/public/holds", body)
	if r.Status != http.StatusCreated {
		k.T.Fatalf("hold: %d %s", r.Status, r.Body)
	}
	var out heldOut
	r.Decode(k.T, &out)
	return out
}

type outboxItem struct {
	DedupeKey     string  `json:"dedupe_key"`
	Recipient     string  `json:"recipient"`
	Template      string  `json:"template"`
	Body          string  `json:"body"`
	Segments      int     `json:"segments"`
	PatientID     *string `json:"patient_id"`
	AppointmentID *string `json:"appointment_id"`
}

// outbox lists what was sent to phone, newest first, as the demo owner sees it.
func (k *selfKit) outbox(phone string) []outboxItem {
	k.T.Helper()
	r := k.owner.Do(http.MethodGet, "/api/v1/dev/outbox?recipient="+url.QueryEscape(phone), nil)
	var out struct {
		Items []outboxItem `json:"items"`
	}
	r.Decode(k.T, &out)
	return out.Items
}

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

// code reads the newest code sent for a hold from the dev outbox.
func (k *selfKit) code(phone, holdID string) string {
	k.T.Helper()
	for _, m := range k.outbox(phone) {
		if m.Template == "code" && strings.HasPrefix(m.DedupeKey, "code:"+holdID+":") {
			return sixDigits.FindString(m.Body)
		}
	}
	k.T.Fatalf("no code for hold %s in the outbox", holdID)
	return ""
}

func (k *selfKit) verify(holdID, code string) *apitest.Response {
	return k.anon.Do(http.MethodPost, "/api/v1/public/holds/"+holdID+"/verify", map[string]string{"code": code})
}

type visitJSON struct {
	ID      string    `json:"id"`
	Status  string    `json:"status"`
	Start   time.Time `json:"start"`
	Service struct {
		Name string `json:"name"`
	} `json:"service"`
	Doctor struct {
		ID          string `json:"id"`
		DisplayName string `json:"display_name"`
	} `json:"doctor"`
	Branch struct {
		Phone string `json:"phone"`
	} `json:"branch"`
	CanConfirm bool `json:"can_confirm"`
	CanChange  bool `json:"can_change"`
}

type verifiedJSON struct {
	Visit     visitJSON `json:"visit"`
	ManageURL string    `json:"manage_url"`
}

// book runs the whole widget flow (hold, code, verify) and returns the manage token.
func (k *selfKit) book(doctor int, start time.Time, phone string) (verifiedJSON, string) {
	k.T.Helper()
	h := k.hold(k.holdBody(doctor, start, phone))
	r := k.verify(h.HoldID, k.code(phone, h.HoldID))
	if r.Status != http.StatusOK {
		k.T.Fatalf("verify: %d %s", r.Status, r.Body)
	}
	var v verifiedJSON
	r.Decode(k.T, &v)
	token, ok := strings.CutPrefix(v.ManageURL, apitest.PublicURL+"/v/")
	if !ok {
		k.T.Fatalf("manage_url %q", v.ManageURL)
	}
	return v, token
}

func (k *selfKit) visit(token string) *apitest.Response {
	return k.anon.Do(http.MethodGet, "/api/v1/public/visits/"+token, nil)
}

func (k *selfKit) act(token, action string, body any) *apitest.Response {
	if body == nil {
		return k.anon.Raw(http.MethodPost, "/api/v1/public/visits/"+token+"/"+action, "", nil)
	}
	return k.anon.Do(http.MethodPost, "/api/v1/public/visits/"+token+"/"+action, body)
}

// count runs a COUNT(*) query.
func (k *selfKit) count(query string, args ...any) int {
	k.T.Helper()
	var n int
	if err := db.Get(k.T.Context(), k.DB.R, &n, query, args...); err != nil {
		k.T.Fatalf("count: %v", err)
	}
	return n
}

// moveClockTo sets the test clock to at (it only moves forward).
func (k *selfKit) moveClockTo(at time.Time) {
	k.Env.Clock.Advance(at.Sub(k.Env.Clock.Now()))
}

func phoneN(i int) string { return fmt.Sprintf("+48601%06d", i) }
