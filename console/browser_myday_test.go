package console_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// On a phone, a doctor opens My day at 08:50 of the clinic's day: today's visits show
// with patient, service, medical alerts and their stage in words (one patient has
// arrived), tomorrow's too, and the page passes axe and fits the phone. The doctor
// books a patient into their own free time through the flow, sees the visit on
// their day, and makes the calendar link, which is shown once.
func TestBrowserMyDayOnAPhone(t *testing.T) {
	k := newPhoneKit(t, dbtest.New(t))
	ctx := context.Background()
	anna, piotr := k.patient("Anna", "Nowak", "601 234 567"), k.patient("Piotr", "Lis", "602 999 888")
	ewa := k.patient("Ewa", "Zielińska", "603 111 222")
	alerts := []string{"allergy: penicillin"}
	if _, err := k.e.Clinic.UpdatePatient(ctx, anna.ID, clinic.PatientPatch{MedicalAlerts: &alerts}); err != nil {
		t.Fatal(err)
	}
	arrived := k.booked(anna, 0, k.f.At(9, 0))
	k.booked(piotr, 0, k.f.At(10, 0))
	k.booked(piotr, 0, k.f.At(11, 0).AddDate(0, 0, 1))
	k.booked(ewa, 1, k.f.At(9, 0))
	k.e.Clock.Advance(k.f.At(8, 50).Sub(k.e.Clock.Now()))
	if _, err := k.e.Booking.Move(ctx, arrived.ID, booking.Change{Action: booking.ActionCheckIn}); err != nil {
		t.Fatal(err)
	}
	dir := browsertest.ScreenshotDir(t)
	s := k.openAs("doctor0@centrum.test", "/console/my-day", phoneWidth)
	s.wantText("Mój dzień", "Dziś", "Jutro", "Nowak Anna", "allergy: penicillin", "Przegląd", "09:00", "Lis Piotr", "10:00",
		"11:00", "zapisany")
	if body := s.body(); !strings.Contains(body, "przybył") && !strings.Contains(body, "czeka") {
		t.Errorf("the patient checked in is not shown as arrived:\n%s", body)
	}
	if strings.Contains(s.body(), "Zielińska") {
		t.Error("my day shows another doctor's visit")
	}
	s.look(dir, "myday")

	myDayBooks(t, k, s, dir, ewa)
	s.Click(".bk-calendar button", "Utwórz link do kalendarza")
	s.WaitFor(`document.getElementById('f-feed')`, wait)
	s.wantText("Link do kalendarza jest gotowy.", "Dodaj do kalendarza telefonu")
	if feed := s.value("f-feed"); !strings.HasPrefix(feed, k.base) {
		t.Errorf("the calendar link is %q", feed)
	}
	if webcal := s.Text(`document.querySelector('.bk-calendar a.button').getAttribute('href')`); !strings.HasPrefix(webcal, "webcal://") {
		t.Errorf("the add-to-calendar link is %q", webcal)
	}
	s.look(dir, "myday-calendar")
}

// myDayBooks books ewa at 12:00 through the doctor's own flow, by touch: search,
// "book", service, the day, the time.
func myDayBooks(t *testing.T, k *phoneKit, s *screen, dir string, ewa clinic.Patient) {
	t.Helper()
	s.Click("a.button", "Zapisz pacjenta na mój wolny termin")
	s.WaitFor(`location.pathname === '/console/my-day/book' && document.getElementById('search')`, wait)
	s.Fill("search", "Zieli")
	s.Click(".bk-search button", "Szukaj")
	s.WaitFor(`document.querySelector('.bk-results')`, wait)
	s.look(dir, "myday-book-found")
	s.Click(".bk-results a.button", "Zapisz tego pacjenta")
	s.WaitFor(`document.querySelector('input[name=service]')`, wait)
	s.Click(".bk-option", "Przegląd")
	s.Click("button.primary", "Dalej")
	s.WaitFor(`document.querySelector('.bk-days a')`, wait)
	s.look(dir, "myday-book-day")
	s.Click(".bk-days a", k.f.Day.Format("02.01.2006"))
	s.WaitFor(`document.querySelector('input[name=start]')`, wait)
	if s.Text(`String(!!document.querySelector('input[value="`+k.f.At(10, 0).Format(time.RFC3339)+`"]'))`) != "false" {
		t.Error("the doctor's own time step offers 10:00, which is taken")
	}
	s.look(dir, "myday-book-time")
	s.Click(".bk-time", "12:00")
	s.Click("button.primary", "Zapisz")
	s.WaitFor(`location.search.includes('notice=booked')`, wait)
	s.wantText("Zielińska Ewa", "12:00")
	got := k.visitsOf(ewa.ID)
	if len(got) != 2 || got[1].DoctorID != k.f.Doctors[0].ID || got[1].Source != visit.SourceDoctorApp ||
		!got[1].Start.Equal(k.f.At(12, 0)) {
		t.Fatalf("the doctor's booking stored %+v", got)
	}
	s.Click("a", "Mój dzień")
	s.WaitFor(`location.pathname === '/console/my-day'`, wait)
	s.wantText("Zielińska Ewa", "12:00")
}
