package console_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/app"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// dayKit is the console over bookingtest's clinic in Warsaw, its clock moved to the
// morning of the clinic's day, so the day's visits are today's.
type dayKit struct {
	*kit
	f *bookingtest.Clinic
}

func newDayKit(t testing.TB, d *db.DB) *dayKit {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	f := bookingtest.NewClinic(t, d, func(c *app.Config) {
		c.PublicURL = base
		if testing.Verbose() {
			c.Log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
		}
	})
	go func() { _ = f.Env.HTTP.Listener(ln) }()
	t.Cleanup(func() { _ = f.Env.HTTP.ShutdownWithTimeout(2 * time.Second) })
	tt, _ := t.(*testing.T)
	return &dayKit{kit: &kit{t: tt, e: f.Env, base: base}, f: f}
}

// system is a context acting as the system (tests read and arrange as it).
func system() context.Context {
	return actor.With(context.Background(), actor.Actor{Kind: actor.System})
}

// book books a check-up with doctor 0 at hh:mm of the clinic's day for a new patient.
func (k *dayKit) book(t testing.TB, hh, mm int, first, last, phone string) visit.Visit {
	t.Helper()
	v, err := k.e.Booking.Book(system(), booking.BookRequest{ServiceID: k.f.Checkup.ID, DoctorID: k.f.Doctors[0].ID,
		Start: k.f.At(hh, mm), Source: visit.SourcePhone,
		Patient: &clinic.PatientInput{FirstName: first, LastName: last, Phone: phone, BirthDate: "1990-03-04"}})
	if err != nil {
		t.Fatalf("book %02d:%02d: %v", hh, mm, err)
	}
	return v
}

// morning moves the clock to hh:mm of the clinic's day.
func (k *dayKit) morning(hh, mm int) { k.e.Clock.Advance(k.f.At(hh, mm).Sub(k.e.Clock.Now())) }

// stored reads a visit as it is stored now.
func (k *dayKit) stored(t testing.TB, id string) visit.Visit {
	t.Helper()
	v, err := k.e.Booking.Get(system(), id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// signAll prints the visit's pack and signs every document of it on paper.
func (k *dayKit) signAll(t testing.TB, id string) {
	t.Helper()
	if err := k.e.Documents.Pack(system(), io.Discard, id); err != nil {
		t.Fatal(err)
	}
	list, err := k.e.Documents.Checklist(system(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range list.Items {
		if it.Document != nil && it.Status != documents.Signed {
			if _, err := k.e.Documents.Sign(system(), it.Document.ID, documents.Signing{SignedBy: documents.SignedByPatient,
				Method: documents.MethodPaper}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// dayPath is the Today page of the clinic's day.
func (k *dayKit) dayPath() string {
	return "/console/today?branch=" + k.f.Branch.ID + "&date=" + k.f.Day.Format(time.DateOnly)
}

// getWith sends a GET with extra headers.
func (d *desk) getWith(path string, headers map[string]string) page {
	d.k.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, d.k.base+path, bytes.NewReader(nil))
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return d.do(req)
}
