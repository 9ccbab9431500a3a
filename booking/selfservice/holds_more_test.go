package selfservice_test

import (
	"net/http"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// TestHundredParallelRequestsForOneTime mixes patients' holds and staff bookings for
// one doctor at one time: exactly one wins, every other gets 409 slot_taken, and the
// database holds no two active rows that overlap.
func TestHundredParallelRequestsForOneTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		start := k.At(14, 0)
		admin := k.Env.As(actor.Admin)
		statuses := make(chan int, 100)
		codes := make(chan string, 100)
		var wg sync.WaitGroup
		for i := range 100 {
			wg.Go(func() {
				path, body, c := "/api/v1/public/holds", k.holdBody(0, start, phoneN(i)), k.anon
				if i%2 == 1 {
					path, body, c = "/api/v1/appointments", k.Booking(0, k.Checkup, start, phoneN(i)), admin
				}
				r := c.Do(http.MethodPost, path, body)
				statuses <- r.Status
				if r.Status != http.StatusCreated {
					codes <- r.Problem(t).Code
				}
			})
		}
		wg.Wait()
		close(statuses)
		close(codes)
		got := map[int]int{}
		for s := range statuses {
			got[s]++
		}
		for c := range codes {
			if c != "slot_taken" {
				t.Errorf("a loser got %q, want slot_taken", c)
			}
		}
		if got[http.StatusCreated] != 1 || got[http.StatusConflict] != 99 {
			t.Errorf("answers %v, want one 201 and 99 409", got)
		}
		bookingtest.AssertNoOverlaps(t, d)
	})
}

func TestResendIsLimitedInCountAndPace(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		phone := phoneN(7)
		h := k.hold(k.holdBody(0, k.At(15, 0), phone))
		first := k.code(phone, h.HoldID)
		resend := func() *apitest.Response {
			return k.anon.Do(http.MethodPost, "/api/v1/public/holds/"+h.HoldID+"/resend", nil)
		}
		r := resend()
		bookingtest.ExpectStatus(t, r, http.StatusTooManyRequests, "resend_too_soon")
		if r.Header.Get("Retry-After") != "30" {
			t.Errorf("Retry-After %q, want 30", r.Header.Get("Retry-After"))
		}
		k.Env.Clock.Advance(20 * time.Second)
		if r := resend(); r.Header.Get("Retry-After") != "10" {
			t.Errorf("Retry-After after 20 s: %q", r.Header.Get("Retry-After"))
		}
		for left := 1; left >= 0; left-- {
			k.Env.Clock.Advance(ResendPause)
			r := resend()
			var out struct {
				HoldID    string `json:"hold_id"`
				SendsLeft int    `json:"sends_left"`
			}
			r.Decode(t, &out)
			if r.Status != http.StatusOK || out.HoldID != h.HoldID || out.SendsLeft != left {
				t.Fatalf("resend with %d left: %d %s", left, r.Status, r.Body)
			}
		}
		k.Env.Clock.Advance(ResendPause)
		bookingtest.ExpectStatus(t, resend(), http.StatusTooManyRequests, "too_many_codes")
		if n := len(k.outbox(phone)); n != 3 {
			t.Errorf("%d codes sent, want 3", n)
		}
		last := k.code(phone, h.HoldID)
		if last != first {
			bookingtest.ExpectStatus(t, k.verify(h.HoldID, first), http.StatusUnprocessableEntity, "wrong_code")
		}
		if r := k.verify(h.HoldID, last); r.Status != http.StatusOK {
			t.Errorf("the newest code: %d %s", r.Status, r.Body)
		}
	})
}

// ResendPause is a little more than the time between two codes.
const ResendPause = 31 * time.Second

// TestKnownAndUnknownPhonesAnswerAlike books once for a phone the clinic knows and once
// for a new one: the answers have the same shape and say nothing of the difference,
// while behind them the known patient's card is reused.
func TestKnownAndUnknownPhonesAnswerAlike(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		known, _, err := k.Env.Clinic.CreatePatient(t.Context(), clinic.PatientInput{BranchID: k.Branch.ID,
			FirstName: "Anna", LastName: "Nowak", BirthDate: "1990-04-12", Phone: phoneN(1)})
		if err != nil {
			t.Fatal(err)
		}
		answers := [2]map[string]any{}
		for i, phone := range []string{phoneN(1), phoneN(2)} {
			h := k.anon.Do(http.MethodPost, "/api/v1/public/holds", k.holdBody(0, k.At(9+i, 0), phone))
			var held map[string]any
			h.Decode(t, &held)
			v := k.verify(held["hold_id"].(string), k.code(phone, held["hold_id"].(string)))
			v.Decode(t, &answers[i])
			if h.Status != http.StatusCreated || v.Status != http.StatusOK || !sameShape(held, map[string]any{"hold_id": "", "expires_at": ""}) {
				t.Fatalf("%s: %d %s / %d %s", phone, h.Status, h.Body, v.Status, v.Body)
			}
		}
		if !sameShape(answers[0], answers[1]) {
			t.Errorf("answers differ in shape:\n%v\n%v", answers[0], answers[1])
		}
		if n := k.count(`SELECT COUNT(*) FROM appointments WHERE patient_id = ?`, known.ID); n != 1 {
			t.Errorf("the known patient's card was not reused (%d visits on it)", n)
		}
		if n := k.count(`SELECT COUNT(*) FROM patients`); n != 2 {
			t.Errorf("%d patient cards, want 2", n)
		}
	})
}

// sameShape compares JSON objects by their keys and value kinds, recursively.
func sameShape(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for key, va := range a {
		vb, ok := b[key]
		if !ok || reflect.TypeOf(va) != reflect.TypeOf(vb) {
			return false
		}
		if ma, ok := va.(map[string]any); ok && !sameShape(ma, vb.(map[string]any)) {
			return false
		}
	}
	return true
}
