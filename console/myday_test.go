package console_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// doctorDesk moves the clock to 07:00 on the clinic's day and signs doctor i in.
func (k *phoneKit) doctorDesk(i int) *desk {
	k.t.Helper()
	k.e.Clock.Advance(k.f.At(7, 0).Sub(k.e.Clock.Now()))
	dk := k.desk()
	dk.signIn("doctor" + itoa(i) + "@centrum.test")
	return dk
}

// A doctor's day shows their own visits of today with patient, service, alerts and
// stage, and nobody else's; they book a patient into their own free time, and a
// doctor named in the form instead of them changes nothing.
func TestTheDoctorSeesTheirOwnDayAndBooksIntoTheirOwnTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		anna, piotr := k.patient("Anna", "Nowak", "601 234 567"), k.patient("Piotr", "Lis", "602 999 888")
		alerts := []string{"allergy: penicillin"}
		if _, err := k.e.Clinic.UpdatePatient(context.Background(), anna.ID, clinic.PatientPatch{MedicalAlerts: &alerts}); err != nil {
			t.Fatal(err)
		}
		mine := k.booked(anna, 0, k.f.At(10, 0))
		theirs := k.booked(piotr, 1, k.f.At(10, 0))
		dk := k.doctorDesk(0)
		day := dk.get("/console/my-day")
		if day.Status != http.StatusOK || !bkHas(day, "Nowak Anna") || !bkHas(day, "Przegląd") || !bkHas(day, "10:00") ||
			!bkHas(day, "zapisany") || !bkHas(day, "Dziś") || !bkHas(day, "allergy: penicillin") || bkHas(day, "Lis Piotr") {
			t.Fatalf("my day: %d\n%s", day.Status, day.Body)
		}
		if !bkHas(day, "/console/visits/"+mine.ID) || bkHas(day, theirs.ID) {
			t.Error("my day links the wrong visits")
		}
		if other := dk.get("/console/visits/" + theirs.ID); other.Status != http.StatusNotFound {
			t.Errorf("another doctor's visit page: %d, want 404", other.Status)
		}
		date := k.f.Day.Format(time.DateOnly)
		steps := bkPath("/console/my-day/book", "patient", piotr.ID, "service", k.f.Checkup.ID)
		if r := dk.get(steps); r.Status != http.StatusOK || !bkHas(r, "date="+date) {
			t.Fatalf("the doctor's day step: %d\n%s", r.Status, r.Body)
		}
		timePage := bkPath("/console/my-day/book", "patient", piotr.ID, "service", k.f.Checkup.ID, "date", date)
		start := k.f.At(12, 0).Format(time.RFC3339)
		if r := dk.get(timePage); !bkHas(r, `value="`+start+`"`) || bkHas(r, `value="`+k.f.At(10, 0).Format(time.RFC3339)+`"`) {
			t.Fatalf("the doctor's time step:\n%s", r.Body)
		}
		r := dk.postFrom(timePage, "/console/my-day/book", url.Values{"patient": {piotr.ID}, "service": {k.f.Checkup.ID},
			"doctor": {k.f.Doctors[1].ID}, "date": {date}, "start": {start}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("the doctor books: %d\n%s", r.Status, r.Body)
		}
		got := k.visitsOf(piotr.ID)
		if len(got) != 2 || got[1].DoctorID != k.f.Doctors[0].ID || got[1].Source != visit.SourceDoctorApp {
			t.Fatalf("the doctor's booking stored %+v", got)
		}
		if again := dk.get("/console/my-day"); !bkHas(again, "Lis Piotr") || !bkHas(again, "12:00") {
			t.Errorf("my day lacks the visit just booked:\n%s", again.Body)
		}
	})
}

// My day is the doctor's own: an administrator (with or without a doctor named) is
// refused, and a head nurse cannot book by phone.
func TestMyDayIsTheDoctorsOwnAndBookingIsTheDesks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		admin := k.signedIn(actor.Admin)
		for _, path := range []string{"/console/my-day", "/console/my-day?doctor=" + k.f.Doctors[0].ID, "/console/my-day/book"} {
			if r := admin.get(path); r.Status != http.StatusForbidden || bkHas(r, "Dr 0") {
				t.Errorf("admin %s: %d, want 403", path, r.Status)
			}
		}
		nurse := k.signedIn(actor.Nurse)
		if r := nurse.get("/console/book"); r.Status != http.StatusForbidden {
			t.Errorf("nurse GET /console/book: %d, want 403", r.Status)
		}
		jan := k.patient("Jan", "Kowalski", "601 234 567")
		r := nurse.postFrom("/console/error-check-missing", "/console/book", url.Values{"patient": {jan.ID},
			"service": {k.f.Checkup.ID}, "doctor": {k.f.Doctors[0].ID}, "start": {k.f.At(10, 0).Format(time.RFC3339)}})
		if r.Status != http.StatusForbidden || len(k.visitsOf(jan.ID)) != 0 {
			t.Errorf("nurse POST /console/book: %d", r.Status)
		}
	})
}

var feedURL = regexp.MustCompile(`/api/v1/calendars/[A-Za-z0-9_-]+\.ics`)

// The doctor makes the calendar link once and sees it once; the link serves their
// visits to a phone's calendar, and the page afterwards says a link exists.
func TestTheDoctorMakesTheirCalendarLink(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		k.booked(k.patient("Anna", "Nowak", "601 234 567"), 0, k.f.At(10, 0))
		dk := k.doctorDesk(0)
		r := dk.postFrom("/console/my-day", "/console/my-day/calendar", nil)
		path := feedURL.FindString(r.Body)
		if r.Status != http.StatusOK || path == "" || !bkHas(r, "webcal://") {
			t.Fatalf("calendar link: %d\n%s", r.Status, r.Body)
		}
		feed := k.desk().get(path)
		if feed.Status != http.StatusOK || !strings.Contains(feed.Body, "BEGIN:VCALENDAR") || !strings.Contains(feed.Body, "BEGIN:VEVENT") {
			t.Fatalf("the feed: %d\n%s", feed.Status, feed.Body)
		}
		if again := dk.get("/console/my-day"); feedURL.MatchString(again.Body) || !bkHas(again, "Masz już link") {
			t.Errorf("my day after making the link:\n%s", again.Body)
		}
		renewed := dk.postFrom("/console/my-day", "/console/my-day/calendar", nil)
		if next := feedURL.FindString(renewed.Body); next == "" || next == path {
			t.Fatalf("a new link: %q after %q", next, path)
		}
		if old := k.desk().get(path); old.Status != http.StatusNotFound {
			t.Errorf("the replaced link answers %d, want 404", old.Status)
		}
	})
}

// A head nurse opens a visit from the supplies board: she sees it without the
// forms to move or cancel it, and her posts to them are refused.
func TestTheNurseSeesAVisitWithoutItsForms(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		v := k.booked(k.patient("Anna", "Nowak", "601 234 567"), 0, k.f.At(10, 0))
		nurse := k.signedIn(actor.Nurse)
		page := "/console/visits/" + v.ID
		r := nurse.get(page)
		if r.Status != http.StatusOK || !bkHas(r, "Nowak Anna") || bkHas(r, page+"/cancel") || bkHas(r, "/console/patients/") {
			t.Fatalf("nurse's visit page: %d\n%s", r.Status, r.Body)
		}
		if c := nurse.postFrom(page, page+"/cancel", url.Values{"reason": {"x"}}); c.Status != http.StatusForbidden {
			t.Errorf("nurse cancels: %d, want 403", c.Status)
		}
	})
}

// A doctor registers a new patient on the way into their own time: the booking goes
// on at the service step with that patient; a bad birth date is the form again.
func TestTheDoctorRegistersAPatientWhileBooking(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		dk := k.doctorDesk(0)
		if r := dk.get("/console/my-day/book?q=zie"); r.Status != http.StatusOK || !bkHas(r, `id="search"`) ||
			!bkHas(r, `action="/console/my-day/patients?`) {
			t.Fatalf("the doctor's patient step: %d\n%s", r.Status, r.Body)
		}
		form := url.Values{"then": {"book"}, "first_name": {"Ewa"}, "last_name": {"Zielińska"}, "phone": {"601 555 444"},
			"birth_date": {"2999-01-01"}}
		bad := dk.postFrom("/console/my-day/book", "/console/my-day/patients", form)
		if bad.Status != http.StatusUnprocessableEntity || !bkHas(bad, `id="e-birth_date"`) || !bkHas(bad, "między 1900 a dziś") {
			t.Fatalf("bad birth date: %d\n%s", bad.Status, bad.Body)
		}
		form.Set("birth_date", "1990-02-03")
		r := dk.postFrom("/console/my-day/book", "/console/my-day/patients", form)
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/console/my-day/book?") ||
			!strings.Contains(r.Location, "notice=patient_created") {
			t.Fatalf("new patient: %d %q", r.Status, r.Location)
		}
		if next := dk.get(r.Location); !bkHas(next, "Zielińska Ewa") || !bkHas(next, `value="`+k.f.Checkup.ID+`"`) ||
			!bkHas(next, "Pacjent zarejestrowany") {
			t.Errorf("after registering:\n%s", next.Body)
		}
	})
}

// A doctor account without a doctor profile lands on a day that says so, not on an error.
func TestADoctorWithoutAProfileIsTold(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		dk := k.signedIn(actor.Doctor)
		if r := dk.get("/console/my-day"); r.Status != http.StatusOK || !bkHas(r, "nie ma jeszcze profilu lekarza") {
			t.Fatalf("no profile: %d\n%s", r.Status, r.Body)
		}
	})
}
