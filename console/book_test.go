package console_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// A phone fragment finds the patient: the card and "book for this patient" are one
// click away, and someone else's number is not in the list.
func TestSearchByPhoneFragmentFindsThePatient(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		jan := k.patient("Jan", "Kowalski", "601 234 567")
		k.patient("Anna", "Nowak", "602 999 888")
		dk := k.signedIn(actor.Admin)
		r := dk.get("/console/patients?q=" + url.QueryEscape("234 567"))
		if r.Status != http.StatusOK || !bkHas(r, "Kowalski Jan") || bkHas(r, "Nowak") {
			t.Fatalf("search 234 567: %d\n%s", r.Status, r.Body)
		}
		for _, want := range []string{`id="search"`, `href="/console/patients/` + jan.ID + `"`, "patient=" + jan.ID, "+48601234567"} {
			if !bkHas(r, want) {
				t.Errorf("the result lacks %s", want)
			}
		}
		if byName := dk.get("/console/patients?q=nowa"); !bkHas(byName, "Nowak Anna") || bkHas(byName, "Kowalski Jan") {
			t.Errorf("search by name prefix:\n%s", byName.Body)
		}
	})
}

// A new patient with a bad phone is the form again in the desk's language with the
// phone marked, and no card is stored; a good one lands on the card.
func TestNewPatientWithABadPhoneIsRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		dk := k.signedIn(actor.Admin)
		form := url.Values{"then": {"card"}, "first_name": {"Ewa"}, "last_name": {"Zielińska"}, "phone": {"12ab"},
			"preferred_channel": {"sms"}}
		r := dk.postFrom("/console/patients", "/console/patients", form)
		if r.Status != http.StatusUnprocessableEntity || !bkHas(r, `id="e-phone"`) || !bkHas(r, "To nie jest numer telefonu") ||
			!bkHas(r, `value="Zielińska"`) {
			t.Fatalf("bad phone: %d\n%s", r.Status, r.Body)
		}
		if strings.Count(r.Body, `aria-invalid="true"`) != 1 {
			t.Errorf("only the phone should be marked:\n%s", r.Body)
		}
		var n int
		if err := db.Get(context.Background(), d.R, &n, `SELECT COUNT(*) FROM patients WHERE last_name = ?`, "Zielińska"); err != nil || n != 0 {
			t.Fatalf("stored %d cards (%v)", n, err)
		}
		form.Set("phone", "601 555 444")
		ok := dk.postFrom("/console/patients", "/console/patients", form)
		if ok.Status != http.StatusSeeOther || !strings.HasPrefix(ok.Location, "/console/patients/") {
			t.Fatalf("good patient: %d %q", ok.Status, ok.Location)
		}
	})
}

// Booking by phone walks patient → service → doctor → day → time as plain GET
// steps and books with a POST: the visit is stored with source phone and the staff
// member, its confirmation is in the outbox, and the questionnaire link follows.
func TestBookingByPhoneStoresTheVisitAndItsConfirmation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		jan := k.patient("Jan", "Kowalski", "601 234 567")
		dk := k.signedIn(actor.Admin)
		doctor, date := k.f.Doctors[0], k.f.Day.Format(time.DateOnly)
		steps := []struct {
			path, want string
		}{
			{"/console/book?q=kowal", "patient=" + jan.ID},
			{bkPath("/console/book", "patient", jan.ID), `value="` + k.f.Checkup.ID + `"`},
			{bkPath("/console/book", "patient", jan.ID, "service", k.f.Checkup.ID), `value="` + doctor.ID + `"`},
			{bkPath("/console/book", "patient", jan.ID, "service", k.f.Checkup.ID, "doctor", doctor.ID), "date=" + date},
		}
		for _, s := range steps {
			if r := dk.get(s.path); r.Status != http.StatusOK || !bkHas(r, s.want) {
				t.Fatalf("%s: %d, want %s in\n%s", s.path, r.Status, s.want, r.Body)
			}
		}
		timePage := bkPath("/console/book", "patient", jan.ID, "service", k.f.Checkup.ID, "doctor", doctor.ID, "date", date)
		start := k.f.At(10, 0).Format(time.RFC3339)
		if r := dk.get(timePage); !bkHas(r, `value="`+start+`"`) {
			t.Fatalf("the time step lacks 10:00:\n%s", r.Body)
		}
		r := dk.postFrom(timePage, "/console/book", url.Values{"patient": {jan.ID}, "service": {k.f.Checkup.ID},
			"doctor": {doctor.ID}, "date": {date}, "start": {start}})
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/console/visits/") {
			t.Fatalf("book: %d %q\n%s", r.Status, r.Location, r.Body)
		}
		stored := k.visitsOf(jan.ID)
		if len(stored) != 1 || stored[0].Source != visit.SourcePhone || stored[0].BookedBy == nil ||
			!stored[0].Start.Equal(k.f.At(10, 0)) || stored[0].DoctorID != doctor.ID {
			t.Fatalf("stored %+v", stored)
		}
		if n := k.outboxed("booked:" + stored[0].ID); n != 1 {
			t.Errorf("%d booking confirmations in the outbox, want 1", n)
		}
		if _, err := k.e.Events.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := k.outboxed("questionnaire:" + stored[0].ID); n != 1 {
			t.Errorf("%d questionnaire links in the outbox, want 1", n)
		}
		page := dk.get(r.Location)
		if !bkHas(page, "Kowalski Jan") || !bkHas(page, "Wizyta zapisana") || !bkHas(page, "10:00") {
			t.Errorf("the visit page after booking:\n%s", page.Body)
		}
	})
}

// A time taken between drawing the time step and sending it is the time step again
// (409) with the reason, without that time, and nothing stored for the patient.
func TestATakenTimeIsTheTimeStepAgain(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		jan, other := k.patient("Jan", "Kowalski", "601 234 567"), k.patient("Ola", "Lis", "603 111 222")
		dk := k.signedIn(actor.Admin)
		doctor, date := k.f.Doctors[0], k.f.Day.Format(time.DateOnly)
		timePage := bkPath("/console/book", "patient", jan.ID, "service", k.f.Checkup.ID, "doctor", doctor.ID, "date", date)
		form := url.Values{"patient": {jan.ID}, "service": {k.f.Checkup.ID}, "doctor": {doctor.ID}, "date": {date},
			"_csrf": {dk.get(timePage).csrf(t)}}
		k.booked(other, 0, k.f.At(10, 0))
		start := k.f.At(10, 0).Format(time.RFC3339)
		form.Set("start", start)
		r := dk.post("/console/book", form)
		if r.Status != http.StatusConflict || !bkHas(r, "został właśnie zajęty") || bkHas(r, `value="`+start+`"`) {
			t.Fatalf("taken time: %d\n%s", r.Status, r.Body)
		}
		if got := k.visitsOf(jan.ID); len(got) != 0 {
			t.Errorf("a taken time stored %d visits", len(got))
		}
		form.Del("start")
		if none := dk.post("/console/book", form); none.Status != http.StatusUnprocessableEntity || !bkHas(none, `id="e-start"`) {
			t.Errorf("no time chosen: %d", none.Status)
		}
	})
}

// Cancelling needs a reason: without one the visit page comes back with the field
// marked (422) and the visit untouched; with one it is cancelled and the page says so.
func TestCancellingAVisitNeedsAReason(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		jan := k.patient("Jan", "Kowalski", "601 234 567")
		v := k.booked(jan, 0, k.f.At(9, 0))
		dk := k.signedIn(actor.Admin)
		page := "/console/visits/" + v.ID
		r := dk.postFrom(page, page+"/cancel", url.Values{"reason": {"  "}, "by": {"patient"}})
		if r.Status != http.StatusUnprocessableEntity || !bkHas(r, `id="e-reason"`) || !bkHas(r, "Podaj powód") {
			t.Fatalf("no reason: %d\n%s", r.Status, r.Body)
		}
		if got := k.visitsOf(jan.ID); got[0].Status != visit.Booked {
			t.Fatalf("refused cancel changed the visit to %s", got[0].Status)
		}
		ok := dk.postFrom(page, page+"/cancel", url.Values{"reason": {"patient is ill"}, "by": {"patient"}})
		if ok.Status != http.StatusSeeOther || ok.Location != page+"?notice=cancelled" {
			t.Fatalf("cancel: %d %q", ok.Status, ok.Location)
		}
		got := k.visitsOf(jan.ID)[0]
		if got.Status != visit.Cancelled || got.CancelReason != "patient is ill" || got.CancelledBy != "patient" {
			t.Fatalf("stored %s %q by %q", got.Status, got.CancelReason, got.CancelledBy)
		}
		if after := dk.get(ok.Location); !bkHas(after, "Wizyta odwołana") || bkHas(after, page+"/cancel") {
			t.Errorf("the page after cancelling:\n%s", after.Body)
		}
	})
}

// Moving a visit lists the doctor's free times of the day asked for and replaces
// the visit by a new one at the chosen time.
func TestReschedulingAVisitFromItsPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		jan := k.patient("Jan", "Kowalski", "601 234 567")
		v := k.booked(jan, 0, k.f.At(9, 0))
		dk := k.signedIn(actor.Admin)
		day := k.f.Day.AddDate(0, 0, 1).Format(time.DateOnly)
		page := "/console/visits/" + v.ID + "?date=" + day
		later := time.Date(k.f.Day.Year(), k.f.Day.Month(), k.f.Day.Day()+1, 11, 0, 0, 0, k.f.Loc).Format(time.RFC3339)
		if r := dk.get(page); !bkHas(r, `value="`+later+`"`) {
			t.Fatalf("the move form lacks 11:00 the next day:\n%s", r.Body)
		}
		r := dk.postFrom(page, "/console/visits/"+v.ID+"/reschedule", url.Values{"date": {day}, "start": {later}})
		if r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Location, "?notice=rescheduled") {
			t.Fatalf("reschedule: %d %q\n%s", r.Status, r.Location, r.Body)
		}
		got := k.visitsOf(jan.ID)
		if len(got) != 2 || got[0].Status != visit.Rescheduled || got[1].Status != visit.Booked ||
			!strings.Contains(r.Location, got[1].ID) {
			t.Fatalf("after the move: %+v", got)
		}
	})
}

// Ids in links that are no ids at all are "not found" on both databases, never a
// failure (PostgreSQL refuses a malformed UUID with an error of its own).
func TestMalformedIDsInLinksAreNotFound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPhoneKit(t, d)
		dk := k.signedIn(actor.Admin)
		jan := k.patient("Jan", "Kowalski", "601 234 567")
		for _, path := range []string{"/console/book?patient=xyz", "/console/visits/xyz",
			bkPath("/console/book", "patient", jan.ID, "service", "xyz"),
			bkPath("/console/book", "patient", jan.ID, "service", k.f.Checkup.ID, "doctor", "xyz")} {
			if r := dk.get(path); r.Status != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", path, r.Status)
			}
		}
	})
}
