package console_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// In a real browser, an administrator of the Warsaw clinic (a Polish desk) finds a
// patient by a fragment of his phone number, books him by mouse step by step (any
// doctor, the clinic's day, 10:00), and lands on the visit page; every step passes
// axe and fits a phone. A second patient is booked with the keyboard alone.
func TestBrowserBookByPhone(t *testing.T) {
	k := newPhoneKit(t, dbtest.New(t))
	jan := k.patient("Jan", "Kowalski", "601 234 567")
	anna := k.patient("Anna", "Nowak", "602 999 888")
	dir := browsertest.ScreenshotDir(t)
	s := k.openAs(k.staffMember(actor.Admin, k.f.Branch.ID), "/console/patients", deskWidth)
	s.look(dir, "book-patients")

	s.Fill("search", "234 567")
	s.Click(".bk-search button", "Szukaj")
	s.WaitFor(`document.querySelector('.bk-results')`, wait)
	s.wantText("Kowalski Jan", "+48601234567")
	if body := s.body(); strings.Contains(body, "Nowak") {
		t.Errorf("a search for 234 567 shows Nowak:\n%s", body)
	}
	s.look(dir, "book-found")
	s.Click(".bk-results a.button", "Zapisz tego pacjenta")
	bookStep(s, dir, "service")
	s.Click(".bk-option", "Przegląd")
	s.Click("button.primary", "Dalej")
	bookStep(s, dir, "doctor")
	s.Click(".bk-option", "Dowolny lekarz")
	s.Click("button.primary", "Dalej")
	bookStep(s, dir, "day")
	s.Click(".bk-days a", k.f.Day.Format("02.01.2006"))
	bookStep(s, dir, "time")
	s.Click(".bk-time", "10:00")
	s.Click("button.primary", "Zapisz")
	s.WaitFor(`location.pathname.startsWith('/console/visits/') && location.search.includes('notice=booked')`, wait)
	s.wantText("Wizyta zapisana", "Kowalski Jan", "Przegląd", "10:00")
	s.look(dir, "book-visit")

	v := shownVisit(s)
	if v.PatientID == nil || *v.PatientID != jan.ID || v.Source != visit.SourcePhone || v.BookedBy == nil ||
		!v.Start.Equal(k.f.At(10, 0)) || v.ServiceID != k.f.Checkup.ID || v.Status != visit.Booked {
		t.Fatalf("booked by mouse, the booking service has %+v", v)
	}
	if stored := k.visitsOf(jan.ID); len(stored) != 1 {
		t.Errorf("booked once by mouse, stored %d visits", len(stored))
	}
	bookByKeyboard(t, k, s, anna)
}

// bookStep waits for a step of the booking to be the current one and looks at it.
func bookStep(s *screen, dir, step string) {
	s.T.Helper()
	s.WaitFor(`document.readyState === 'complete' && document.querySelector('.bk-steps li.current') &&
		document.querySelector('.bk-steps li.current').textContent.includes(`+stepWords[step]+`)`, wait)
	s.look(dir, "book-step-"+step)
}

// stepWords are the Polish names of the booking's steps, as JavaScript strings.
var stepWords = map[string]string{"service": `'Usługa'`, "doctor": `'Lekarz'`, "day": `'Dzień'`, "time": `'Godzina'`}

// bookByKeyboard books Anna Nowak with only keys a person at the desk presses: "/"
// to the search, the fragment, Enter; j to her row, Tab to "book", Enter; arrows and
// Tab through the service and the doctor; Tab and Enter on a day and a time.
func bookByKeyboard(t *testing.T, k *phoneKit, s *screen, anna clinic.Patient) {
	t.Helper()
	s.Do(chromedp.Navigate(k.base + "/console/book"))
	s.WaitFor(`document.getElementById('search')`, wait)
	s.shortcut("/")
	if got := s.focused(); got != "input#search[q] " {
		t.Fatalf("/ put the focus on %q", got)
	}
	s.typeKeys("999 888")
	s.enter()
	s.WaitFor(`document.querySelector('.bk-results')`, wait)
	s.wantText("Nowak Anna")
	s.shortcut("j")
	s.tab("a Karta")
	s.tab("a Zapisz tego pacjenta")
	s.enter()
	s.WaitFor(`document.querySelector('input[name=service]')`, wait)
	s.focus("input[name=service]")
	s.Key(" ")
	s.tab("button Dalej")
	s.enter()
	s.WaitFor(`document.querySelector('input[name=doctor]')`, wait)
	s.focus("input[name=doctor]:checked")
	s.Key(kb.ArrowDown)
	if got := s.Text(`document.querySelector('input[name=doctor]:checked').value`); got != k.f.Doctors[0].ID && got != k.f.Doctors[1].ID {
		t.Fatalf("the arrow chose doctor %q", got)
	}
	s.tab("button Dalej")
	s.enter()
	s.WaitFor(`document.querySelector('.bk-days a')`, wait)
	s.focus(".bk-days a")
	s.enter()
	s.WaitFor(`document.querySelector('input[name=start]')`, wait)
	s.focus("input[name=start]")
	s.Key(" ")
	s.tab("textarea#f-note")
	s.typeKeys("first visit")
	s.tab("button Zapisz")
	s.enter()
	s.WaitFor(`location.search.includes('notice=booked')`, wait)
	s.wantText("Wizyta zapisana", "Nowak Anna", "first visit")
	v := shownVisit(s)
	if v.PatientID == nil || *v.PatientID != anna.ID || v.Source != visit.SourcePhone || v.Note != "first visit" {
		t.Errorf("booked by keyboard, the booking service has %+v", v)
	}
}

// shownVisit is the visit whose page the tab shows, as the booking service has it.
func shownVisit(s *screen) visit.Visit {
	s.T.Helper()
	id := s.Text(`location.pathname.split('/').pop()`)
	v, err := s.k.e.Booking.Get(context.Background(), id)
	if err != nil {
		s.T.Fatalf("the visit %s shown: %v", id, err)
	}
	return v
}

// A new patient with a bad phone comes back with the phone marked in Polish, and the
// marked form passes axe and fits a phone.
func TestBrowserBookNewPatientWithABadPhone(t *testing.T) {
	k := newPhoneKit(t, dbtest.New(t))
	dir := browsertest.ScreenshotDir(t)
	s := k.openAs(k.staffMember(actor.Admin, k.f.Branch.ID), "/console/patients", phoneWidth)
	s.Fill("f-first_name", "Ewa")
	s.Fill("f-last_name", "Zielińska")
	s.Fill("f-phone", "12ab")
	s.Click(".bk-new button.primary", "")
	s.WaitFor(`document.querySelector('#f-phone[aria-invalid=true]')`, wait)
	s.wantText("To nie jest numer telefonu")
	if got := s.value("f-last_name"); got != "Zielińska" {
		t.Errorf("the form lost the last name: %q", got)
	}
	s.look(dir, "book-new-patient-marked")
	var n int
	if err := db.Get(context.Background(), k.f.DB.R, &n, `SELECT COUNT(*) FROM patients WHERE last_name = ?`, "Zielińska"); err != nil || n != 0 {
		t.Errorf("a bad phone stored %d cards (%v)", n, err)
	}
}

// On the visit page, cancelling without a reason marks the reason; with one the
// visit is cancelled, stored so, and the page says so.
func TestBrowserVisitCancelNeedsAReason(t *testing.T) {
	k := newPhoneKit(t, dbtest.New(t))
	jan := k.patient("Jan", "Kowalski", "601 234 567")
	v := k.booked(jan, 0, k.f.At(9, 0))
	dir := browsertest.ScreenshotDir(t)
	page := "/console/visits/" + v.ID
	s := k.openAs(k.staffMember(actor.Admin, k.f.Branch.ID), page, deskWidth)
	s.wantText("Kowalski Jan", "09:00", "Odwołaj wizytę")
	s.look(dir, "visit")

	s.Click(".bk-cancel button", "Odwołaj wizytę")
	s.WaitFor(`document.querySelector('#f-reason[aria-invalid=true]')`, wait)
	s.wantText("Podaj powód")
	s.look(dir, "visit-cancel-marked")
	if got := k.visitsOf(jan.ID)[0]; got.Status != visit.Booked {
		t.Fatalf("a cancel without reason made the visit %s", got.Status)
	}
	s.Fill("f-reason", "patient is ill")
	s.Click(".bk-cancel button", "Odwołaj wizytę")
	s.WaitFor(`location.search.includes('notice=cancelled')`, wait)
	s.wantText("Wizyta odwołana", "patient is ill")
	s.look(dir, "visit-cancelled")
	if got := k.visitsOf(jan.ID)[0]; got.Status != visit.Cancelled || got.CancelReason != "patient is ill" {
		t.Errorf("after cancelling, stored %s %q", got.Status, got.CancelReason)
	}
	if s.Text(`String(!!document.querySelector('.bk-cancel'))`) != "false" {
		t.Error("a cancelled visit still offers cancelling")
	}
}

// shortcut presses a console shortcut as a keyboard does: the key down carries its
// text, so the script's preventDefault keeps the character out of the field it
// focuses (chromedp's Key sends the character as an event of its own, which a real
// keyboard never does).
func (s *screen) shortcut(key string) {
	s.T.Helper()
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
		e := input.DispatchKeyEventParams{Type: typ, Key: key}
		if typ == input.DispatchKeyEventTypeKeyDown {
			e.Text = key
		}
		if _, err := chromedp.Call(s.Ctx, input.DispatchKeyEvent, e); err != nil {
			s.T.Fatalf("key %s: %v", key, err)
		}
	}
}
