package console_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/console"
	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// poll is the Today page's refresh period (console.js polls every 3 s); a change
// must reach another desk within one, so a test waits two (the second is slack
// for a busy machine).
const poll = 3 * time.Second

// The demo clinic's administrator signs in through the redirect and sees today's
// demo day: every patient by name, each visit's stage in words, and what the
// patients answered (by reply, declined, no answer, not asked); the grid and the
// list pass axe and fit a phone.
func TestBrowserTodayShowsTheDemoDay(t *testing.T) {
	k := newDemoKit(t, dbtest.New(t))
	dir := browsertest.ScreenshotDir(t)
	s := k.desk(deskWidth)
	now := k.e.Clock.Now()
	visits := k.day(k.date(0), "")
	if len(visits) < 8 {
		t.Fatalf("the demo's today has %d visits", len(visits))
	}
	for _, v := range visits {
		row := s.rowText(v.ID)
		label := console.StageOf(v, now, console.DefaultThresholds).Label("pl")
		if name := k.name(v); !strings.Contains(row, name) || !strings.Contains(row, label) {
			t.Errorf("the row of %s (%s) does not show %q and %q:\n%s", v.ID, v.Status, name, label, row)
		}
	}
	s.wantText("Dziś · "+k.date(0), "zapisany", "potwierdzony", "spóźnia się", "na fotelu", "zakończona", "odwołana",
		"potwierdził odpowiedzią", "odmówił odpowiedzią", "brak odpowiedzi", "nie pytano", "podpisane", "ankieta wypełniona")
	if body := s.body(); strings.Contains(body, "wysłan") {
		t.Error("the day says a message was sent instead of what the patient answered")
	}
	s.look(dir, "today-demo-grid")
	s.Click(".day-views a", "Lista")
	s.WaitFor(`location.search.includes('view=list') && document.readyState === 'complete'`, wait)
	s.wantText(k.name(visits[0]))
	s.look(dir, "today-demo-list")
}

// A desk checks a patient in with the keyboard alone (j to the visit, c): the stored
// visit is arrived, and a second desk signed in on its own sees the visit arrive
// within one poll, without reloading its page.
func TestBrowserTodayCheckInReachesTheOtherDesk(t *testing.T) {
	k := newDemoKit(t, dbtest.New(t))
	dir := browsertest.ScreenshotDir(t)
	other := k.otherDesk(deskWidth)
	other.Eval(`window.__kept = 1`, nil)
	s := k.desk(deskWidth)
	id := s.Text(`(Console.rows().find((r) => r.querySelector('[data-key="c"]')) || {id: 'v-'}).id.slice(2)`)
	if id == "" {
		t.Fatal("no visit of the demo's day can be checked in")
	}
	if st := k.stored(id).Status; st != visit.Booked && st != visit.Confirmed {
		t.Fatalf("the visit offered for check-in is %s", st)
	}
	s.toRow(id)
	s.shortcut("c")
	s.WaitFor(`document.querySelector('#v-`+id+`.st-arrived')`, wait)
	if v := k.stored(id); v.Status != visit.Arrived || v.ArrivedAt == nil {
		t.Fatalf("checked in by keyboard, stored %s", v.Status)
	}
	other.WaitFor(`document.querySelector('#v-`+id+`.st-arrived')`, 2*poll)
	if other.Text(`String(window.__kept)`) != "1" {
		t.Error("the second desk reloaded its page to show the check-in")
	}
	if row := other.rowText(id); !strings.Contains(row, "przybył") && !strings.Contains(row, "czeka") {
		t.Errorf("the second desk's row does not say the patient arrived:\n%s", row)
	}
	other.look(dir, "today-other-desk")
}

// Seating a patient whose papers are unsigned (s on the arrived visit) is refused
// with the list of those papers in a dialog that passes axe; once the patient signs
// them, s seats the patient.
func TestBrowserTodaySeatRefusedThenAllowedAfterSigning(t *testing.T) {
	k := newDemoKit(t, dbtest.New(t))
	dir := browsertest.ScreenshotDir(t)
	var v visit.Visit
	var unsigned []string
	for _, a := range k.day(k.date(0), visit.Arrived) {
		if unsigned = k.unsigned(a.ID); len(unsigned) > 0 {
			v = a
			break
		}
	}
	if v.ID == "" {
		t.Fatal("the demo's day has no arrived patient with unsigned papers")
	}
	s := k.desk(deskWidth)
	s.toRow(v.ID)
	s.shortcut("s")
	s.WaitFor(`document.getElementById('answer').open`, wait)
	told := s.Text(`document.getElementById('answer').innerText`)
	for _, kind := range unsigned {
		if word := console.T("pl", "today.doc."+kind); !strings.Contains(told, word) {
			t.Errorf("the refusal does not list %q:\n%s", word, told)
		}
	}
	if !strings.Contains(told, "nie są podpisane") {
		t.Errorf("the refusal does not say why:\n%s", told)
	}
	s.look(dir, "today-seat-refused")
	if st := k.stored(v.ID).Status; st != visit.Arrived {
		t.Fatalf("a refused seating left the visit %s", st)
	}
	s.Click("#answer form[method=dialog] button", "Zamknij")
	s.WaitFor(`!document.getElementById('answer').open`, wait)

	k.signAll(v.ID)
	s.toRow(v.ID)
	s.shortcut("s")
	s.WaitFor(`document.querySelector('#v-`+v.ID+`.st-seated')`, wait)
	if st := k.stored(v.ID).Status; st != visit.Seated {
		t.Errorf("seated after signing, stored %s", st)
	}
	if s.Text(`String(document.getElementById('answer').open)`) != "false" {
		t.Error("seating after signing still shows the refusal")
	}
}

// rowText is what the visit's row says.
func (s *screen) rowText(id string) string {
	return s.Text(fmt.Sprintf(`(document.getElementById(%q) || {innerText: ''}).innerText`, "v-"+id))
}

// toRow presses j, from the top of the day, until the visit's row is the current one.
func (s *screen) toRow(id string) {
	s.T.Helper()
	var n int
	s.Eval(`Console.rows().length`, &n)
	s.Eval(`document.querySelectorAll('[data-row].current').forEach((r) => r.classList.remove('current'))`, nil)
	for range n {
		s.shortcut("j")
		if s.Text(`document.querySelector('[data-row].current').id`) == "v-"+id {
			return
		}
	}
	s.T.Fatalf("j never reached the visit %s", id)
}
