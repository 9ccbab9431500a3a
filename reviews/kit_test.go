package reviews_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// kit is the booking test clinic in Warsaw (open 07:00–21:00 every day) with an owner
// and an administrator, and helpers to complete visits and work the call list.
type kit struct {
	t     testing.TB
	f     *bookingtest.Clinic
	owner *apitest.Client
	admin *apitest.Client
	seq   int
}

func newKit(t testing.TB, d *db.DB) *kit {
	t.Helper()
	f := bookingtest.NewClinic(t, d)
	return &kit{t: t, f: f, owner: f.Env.As(actor.Owner), admin: f.Env.As(actor.Admin)}
}

// call is the part of a call-list line the tests read.
type call struct {
	ID            string    `json:"id"`
	TaskID        string    `json:"task_id"`
	AppointmentID *string   `json:"appointment_id"`
	PatientID     string    `json:"patient_id"`
	PatientName   string    `json:"patient_name"`
	PatientPhone  string    `json:"patient_phone"`
	ServiceName   string    `json:"service_name"`
	DoctorName    *string   `json:"doctor_name"`
	Status        string    `json:"status"`
	Attempts      int       `json:"attempts"`
	DueAt         time.Time `json:"due_at"`
	AssigneeID    *string   `json:"assignee_id"`
	ClaimedBy     *string   `json:"claimed_by"`
	Script        string    `json:"script"`
	Previous      []struct {
		Number  int    `json:"number"`
		Outcome string `json:"outcome"`
	} `json:"previous_attempts"`
}

// complete books service with doctor 0 at hh:00 on the clinic's day, takes it through
// to completed and delivers its events; it returns the visit's id.
func (k *kit) complete(service string, hh int, phone string) string {
	k.t.Helper()
	return k.completeAt(service, k.f.At(hh, 0), phone)
}

// completeAt is complete for a visit starting at start.
func (k *kit) completeAt(service string, start time.Time, phone string) string {
	k.t.Helper()
	f := k.f
	proc := f.Checkup
	if service == "extraction" {
		proc = f.Extraction
	}
	id := bookingtest.DecodeID(k.t, k.admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, proc, start, phone)))
	path := "/api/v1/appointments/" + id
	for _, step := range []string{"confirm", "check-in"} {
		bookingtest.ExpectStatus(k.t, k.admin.Do(http.MethodPost, path+"/"+step, nil), http.StatusOK, "")
	}
	bookingtest.ExpectStatus(k.t, f.DoctorAPI[0].Do(http.MethodPost, path+"/seat", map[string]string{"override_reason": "signed on paper"}), http.StatusOK, "")
	bookingtest.ExpectStatus(k.t, f.DoctorAPI[0].Do(http.MethodPost, path+"/complete", nil), http.StatusOK, "")
	k.deliver()
	return id
}

func (k *kit) deliver() {
	k.t.Helper()
	for {
		n, err := k.f.Env.Events.RunOnce(context.Background())
		if err != nil {
			k.t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

// calls reads the call list as c with the extra query.
func (k *kit) calls(c *apitest.Client, query string) []call {
	k.t.Helper()
	r := c.Do(http.MethodGet, "/api/v1/follow-ups?branch_id="+k.f.Branch.ID+query, nil)
	bookingtest.ExpectStatus(k.t, r, http.StatusOK, "")
	var out struct {
		Items []call `json:"items"`
	}
	r.Decode(k.t, &out)
	return out.Items
}

// only returns the one call of the list, failing otherwise.
func (k *kit) only(list []call) call {
	k.t.Helper()
	if len(list) != 1 {
		k.t.Fatalf("want one call, got %d: %+v", len(list), list)
	}
	return list[0]
}

// tomorrowAt is hh:mm local in Warsaw, days after the test clock's date.
func (k *kit) dayAt(days, hh, mm int) time.Time {
	now := k.f.Env.Clock.Now().In(k.f.Loc)
	return time.Date(now.Year(), now.Month(), now.Day()+days, hh, mm, 0, 0, k.f.Loc)
}

// openCallDays opens the branch on the next n days when a public holiday closes one:
// calls and retries move past closed days, and these tests are about calling hours.
func (k *kit) openCallDays(n int) {
	for i := 1; i <= n; i++ {
		k.f.OpenOn(k.dayAt(i, 10, 0))
	}
}

// advanceTo moves the test clock to t and signs the owner and administrator in again
// (their tokens expire with the time passed).
func (k *kit) advanceTo(t time.Time) {
	k.f.Env.Clock.Advance(t.Sub(k.f.Env.Clock.Now()))
	k.owner, k.admin = k.f.Env.SignIn(actor.Owner), k.f.Env.SignIn(actor.Admin)
}

// attempt logs an attempt as c and returns the answer.
func (k *kit) attempt(c *apitest.Client, id, outcome string, extra map[string]any) *apitest.Response {
	body := map[string]any{"outcome": outcome}
	for key, v := range extra {
		body[key] = v
	}
	return c.Do(http.MethodPost, "/api/v1/follow-ups/"+id+"/attempts", body)
}

// patient registers a new patient at the branch and returns its id.
func (k *kit) patient(consents map[string]any) string {
	k.t.Helper()
	k.seq++
	body := map[string]any{"first_name": fmt.Sprintf("Anna%d", k.seq), "last_name": "Nowak",
		"phone": fmt.Sprintf("+4860155%04d", k.seq), "branch_id": k.f.Branch.ID}
	if consents != nil {
		body["consents"] = consents
	}
	return bookingtest.DecodeID(k.t, k.admin.Do(http.MethodPost, "/api/v1/patients", body))
}

// moveTo moves the test clock to t, forward or back, and signs the owner, the
// administrator and the doctors in again.
func (k *kit) moveTo(t time.Time) {
	k.advanceTo(t)
	for i := range k.f.DoctorAPI {
		token := k.f.Env.Login(fmt.Sprintf("doctor%d@centrum.test", i), apitest.Password)
		k.f.DoctorAPI[i] = k.f.Env.Anonymous().As(token)
	}
}

// on is hh:00 local in Warsaw on a date.
func (k *kit) on(year int, month time.Month, day, hh int) time.Time {
	return time.Date(year, month, day, hh, 0, 0, 0, k.f.Loc)
}

// desk signs a new administrator in and returns the client with their staff id.
func (k *kit) desk() (*apitest.Client, string) {
	k.t.Helper()
	c := k.f.Env.SignIn(actor.Admin)
	r := c.Do(http.MethodGet, "/api/v1/me", nil)
	bookingtest.ExpectStatus(k.t, r, http.StatusOK, "")
	return c, bookingtest.DecodeID(k.t, r)
}
