package waitlist_test

import (
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

type heldOut struct {
	HoldID    string    `json:"hold_id"`
	ExpiresAt time.Time `json:"expires_at"`
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
