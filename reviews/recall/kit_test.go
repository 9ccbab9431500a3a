package recall_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// kit is the booking test clinic in Warsaw with a hygiene service both doctors
// perform, an admin (the desk) and an owner.
type kit struct {
	t       testing.TB
	f       *bookingtest.Clinic
	hygiene clinic.Procedure
	admin   *apitest.Client
	owner   *apitest.Client
	slots   int // visits placed by next, so they never overlap
}

func newKit(t testing.TB, d *db.DB) *kit {
	t.Helper()
	f := bookingtest.NewClinic(t, d)
	ctx := context.Background()
	k := &kit{t: t, f: f, admin: f.Env.As(actor.Admin), owner: f.Env.As(actor.Owner)}
	k.hygiene = bookingtest.Must(f.Env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "hygiene",
		Names: map[string]string{"en": "Hygiene", "pl": "Higienizacja"}, DurationMinutes: 45, PriceMinor: 25000,
		Currency: "PLN", ChairCapability: "general"}))(t)
	for _, doc := range f.Doctors {
		ids := []string{f.Checkup.ID, f.Extraction.ID, k.hygiene.ID}
		bookingtest.Must(f.Env.Clinic.UpdateDoctor(ctx, doc.ID, clinic.DoctorPatch{ServiceIDs: &ids}))(t)
	}
	return k
}

// book places a visit of service at start for the patient with phone and returns
// its id and its patient's.
func (k *kit) book(service clinic.Procedure, start time.Time, phone string) (visitID, patientID string) {
	k.t.Helper()
	k.f.OpenOn(start) // the tests book up to 17 days past the clinic's day
	r := k.admin.Do(http.MethodPost, "/api/v1/appointments", k.f.Booking(0, service, start, phone))
	bookingtest.ExpectStatus(k.t, r, http.StatusCreated, "")
	visitID = bookingtest.DecodeID(k.t, r)
	v, err := k.f.Env.Booking.Get(context.Background(), visitID)
	if err != nil {
		k.t.Fatal(err)
	}
	return visitID, v.Patient()
}

// next is the next free hour from 09:00 on the clinic's booking day, eleven a day
// and then on the following days.
func (k *kit) next() time.Time {
	n := k.slots
	k.slots++
	return k.f.At(9+n%11, 0).AddDate(0, 0, n/11)
}

// complete takes a booked visit through to completed and delivers its events.
func (k *kit) complete(visitID string) {
	k.t.Helper()
	path := "/api/v1/appointments/" + visitID
	for _, step := range []string{"confirm", "check-in"} {
		bookingtest.ExpectStatus(k.t, k.admin.Do(http.MethodPost, path+"/"+step, nil), http.StatusOK, "")
	}
	doctor := k.f.DoctorAPI[0]
	bookingtest.ExpectStatus(k.t, doctor.Do(http.MethodPost, path+"/seat", map[string]string{"override_reason": "signed on paper"}), http.StatusOK, "")
	bookingtest.ExpectStatus(k.t, doctor.Do(http.MethodPost, path+"/complete", nil), http.StatusOK, "")
	k.deliver()
}

// visit books and completes a visit of service for phone, returning the patient.
func (k *kit) visit(service clinic.Procedure, phone string) string {
	k.t.Helper()
	id, patient := k.book(service, k.next(), phone)
	k.complete(id)
	return patient
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

// consent records the patient's consent to service messages by SMS.
func (k *kit) consent(patientID string) {
	k.t.Helper()
	r := k.admin.Do(http.MethodPatch, "/api/v1/patients/"+patientID, map[string]any{
		"consents": map[string]any{"sms": map[string]bool{"service": true, "marketing": false}}})
	bookingtest.ExpectStatus(k.t, r, http.StatusOK, "")
}

// refuse records the patient's "no" to service messages by SMS.
func (k *kit) refuse(patientID string) {
	k.t.Helper()
	r := k.admin.Do(http.MethodPatch, "/api/v1/patients/"+patientID, map[string]any{
		"consents": map[string]any{"sms": map[string]bool{"service": false, "marketing": false}}})
	bookingtest.ExpectStatus(k.t, r, http.StatusOK, "")
}

// stop is the patient texting STOP from phone, as a provider's webhook hands it in.
func (k *kit) stop(phone string) {
	k.t.Helper()
	err := k.f.Env.Inbox.Receive(context.Background(), messaging.Inbound{Medium: messaging.SMS, Provider: "test",
		From: phone, Body: "STOP"})
	if err != nil {
		k.t.Fatal(err)
	}
}

// at sets the clock to a wall time in Warsaw ("2026-03-26 10:00").
func (k *kit) at(wall string) {
	k.t.Helper()
	want, err := time.ParseInLocation("2006-01-02 15:04", wall, k.f.Loc)
	if err != nil {
		k.t.Fatal(err)
	}
	k.f.Env.Clock.Advance(want.Sub(k.f.Env.Clock.Now()))
	// Sign-in tokens expire as months pass: the desk signs in again.
	k.admin, k.owner = k.f.Env.SignIn(actor.Admin), k.f.Env.SignIn(actor.Owner)
	for i := range k.f.DoctorAPI {
		k.f.DoctorAPI[i] = k.f.Env.Anonymous().As(k.f.Env.Login(fmt.Sprintf("doctor%d@centrum.test", i), apitest.Password))
	}
}

// dayPlus is the date of a visit days after the clinic's booking day, moved months on
// and never past the month's end: a recall's due date (days first, as the visit's date
// is what recall counts from).
func (k *kit) dayPlus(months, days int) string {
	visit := time.Date(k.f.Day.Year(), k.f.Day.Month(), k.f.Day.Day()+days, 0, 0, 0, 0, time.UTC)
	month := time.Date(visit.Year(), visit.Month()+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	last := month.AddDate(0, 1, -1).Day()
	return time.Date(month.Year(), month.Month(), min(visit.Day(), last), 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// recallRow is a recall as the list answers it.
type recallRow struct {
	ID      string `json:"id"`
	Patient struct {
		ID        string `json:"id"`
		FirstName string `json:"first_name"`
		Phone     string `json:"phone"`
	} `json:"patient"`
	ServiceID string `json:"service_id"`
	Service   struct {
		Code  string            `json:"code"`
		Names map[string]string `json:"names"`
	} `json:"service"`
	DueOn       string  `json:"due_on"`
	LastVisitAt string  `json:"last_visit_at"`
	FromVisitID string  `json:"from_appointment_id"`
	Status      string  `json:"status"`
	Skipped     bool    `json:"skipped"`
	SkipReason  *string `json:"skip_reason"`
}

type recallPage struct {
	Items []recallRow `json:"items"`
	Next  *string     `json:"next_cursor"`
}

// list asks for the branch's recalls with extra query parameters.
func (k *kit) list(c *apitest.Client, extra url.Values) recallPage {
	k.t.Helper()
	q := url.Values{"branch_id": {k.f.Branch.ID}}
	for key, v := range extra {
		q[key] = v
	}
	r := c.Do(http.MethodGet, "/api/v1/recalls?"+q.Encode(), nil)
	bookingtest.ExpectStatus(k.t, r, http.StatusOK, "")
	var p recallPage
	r.Decode(k.t, &p)
	return p
}

// byPatient is the branch's recalls (due before a far date) by patient and service.
func (k *kit) byPatient() map[string]recallRow {
	k.t.Helper()
	out := map[string]recallRow{}
	for _, r := range k.list(k.admin, url.Values{"due_before": {"2100-01-01"}, "limit": {"200"}}).Items {
		out[r.Patient.ID+"|"+r.ServiceID] = r
	}
	return out
}

func (k *kit) sweep() int {
	k.t.Helper()
	n, err := k.f.Env.Recall.Sweep(context.Background())
	if err != nil {
		k.t.Fatalf("sweep: %v", err)
	}
	return n
}

// outbox is the queued messages of a template.
func (k *kit) outbox(template string) []messaging.Row {
	k.t.Helper()
	var rows []messaging.Row
	err := db.Select(context.Background(), k.f.DB.R, &rows, `SELECT id, dedupe_key, channel, recipient, patient_id,
		appointment_id, locale, branch_id, expects_reply, template, body, segments, status, not_before, attempts,
		provider_id, last_error, created_at, sent_at, template_data FROM outbox WHERE template = ? ORDER BY created_at`, template)
	if err != nil {
		k.t.Fatal(err)
	}
	return rows
}

// refused expects a problem with status naming field (or carrying that code).
func refused(t testing.TB, r *apitest.Response, status int, fieldOrCode string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("got %d %s, want %d %s", r.Status, r.Body, status, fieldOrCode)
	}
	p := r.Problem(t)
	if p.Code == fieldOrCode {
		return
	}
	for _, f := range p.Errors {
		if f.Field == fieldOrCode {
			return
		}
	}
	t.Fatalf("problem %s does not name %s: %s", p.Code, fieldOrCode, r.Body)
}
