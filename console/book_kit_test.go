package console_test

import (
	"context"
	"html"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/app"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// phoneKit is the kit over booking's small Warsaw clinic (two doctors working every
// day 08:00–20:00, chairs, a check-up and an extraction), listening on a real port.
type phoneKit struct {
	*kit
	f *bookingtest.Clinic
}

func newPhoneKit(t *testing.T, d *db.DB) *phoneKit {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	f := bookingtest.NewClinic(t, d, func(c *app.Config) { c.PublicURL = base })
	go func() { _ = f.Env.HTTP.Listener(ln) }()
	t.Cleanup(func() { _ = f.Env.HTTP.ShutdownWithTimeout(2 * time.Second) })
	return &phoneKit{kit: &kit{t: t, e: f.Env, base: base}, f: f}
}

// signedIn is a browser signed in as a new staff member of role at the clinic.
func (k *phoneKit) signedIn(role actor.Role) *desk {
	dk := k.desk()
	dk.signIn(k.staffMember(role, k.f.Branch.ID))
	return dk
}

// patient registers a patient at the clinic.
func (k *phoneKit) patient(first, last, phone string) clinic.Patient {
	k.t.Helper()
	p, _, err := k.e.Clinic.CreatePatient(context.Background(), clinic.PatientInput{BranchID: k.f.Branch.ID,
		FirstName: first, LastName: last, Phone: phone, BirthDate: "1985-04-12"})
	if err != nil {
		k.t.Fatal(err)
	}
	return p
}

// booked books a visit through the service, as another desk would.
func (k *phoneKit) booked(p clinic.Patient, doctor int, start time.Time) visit.Visit {
	k.t.Helper()
	v, err := k.e.Booking.Book(context.Background(), booking.BookRequest{PatientID: p.ID, ServiceID: k.f.Checkup.ID,
		DoctorID: k.f.Doctors[doctor].ID, Start: start, Source: visit.SourceAdmin})
	if err != nil {
		k.t.Fatal(err)
	}
	return v
}

// visitsOf are the stored visits of a patient.
func (k *phoneKit) visitsOf(patientID string) []visit.Visit {
	k.t.Helper()
	var out []visit.Visit
	if err := db.Select(context.Background(), k.f.DB.R, &out, `SELECT `+booking.AppointmentColumns+`
		FROM appointments WHERE patient_id = ? ORDER BY created_at`, patientID); err != nil {
		k.t.Fatal(err)
	}
	return out
}

// outboxed counts the outbox rows under a dedupe key.
func (k *phoneKit) outboxed(key string) int {
	k.t.Helper()
	var n int
	if err := db.Get(context.Background(), k.f.DB.R, &n, `SELECT COUNT(*) FROM outbox WHERE dedupe_key = ?`, key); err != nil {
		k.t.Fatal(err)
	}
	return n
}

// bkPath is the booking flow's path with the choices so far.
func bkPath(base string, pairs ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		q.Set(pairs[i], pairs[i+1])
	}
	return base + "?" + q.Encode()
}

// bkHas reports whether a page's HTML holds s as the browser reads it (entities undone).
func bkHas(p page, s string) bool { return strings.Contains(html.UnescapeString(p.Body), s) }
