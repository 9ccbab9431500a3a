package console_test

import (
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// One click on "print tomorrow's packs" opens tomorrow's packs of the whole branch:
// a PDF, with at least one page for every visit that takes place tomorrow.
func TestBrowserTodayPrintsTomorrowsPacks(t *testing.T) {
	k := newDemoKit(t, dbtest.New(t))
	s := k.desk(deskWidth)
	tomorrow := 0
	for _, v := range k.day(k.date(1), "") {
		if v.PatientID != nil && !skipsPack[v.Status] {
			tomorrow++
		}
	}
	if tomorrow == 0 {
		t.Fatal("the demo has no visits tomorrow")
	}
	const label = "Drukuj dokumenty na jutro"
	opened := chromedp.WaitNewTarget(s.Ctx, func(i *target.Info) bool { return strings.Contains(i.URL, "/console/today/packs.pdf") })
	s.Click(".day-views a", label)
	select {
	case id := <-opened:
		tab, closeTab := chromedp.NewContext(s.Ctx, chromedp.WithTargetID(id))
		if err := chromedp.Do(tab); err != nil {
			t.Logf("the packs' tab: %v", err)
		}
		closeTab()
	case <-time.After(wait):
		t.Fatal("the click opened no tab with tomorrow's packs")
	}
	href := s.Text(`[...document.querySelectorAll('.day-views a')].find((a) => a.textContent.includes('` + label + `')).href`)
	if !strings.Contains(href, "date="+k.date(1)) {
		t.Errorf("the packs' link %s is not for tomorrow, %s", href, k.date(1))
	}
	var got struct{ Type, Data string }
	s.Eval(`fetch(`+strconv.Quote(href)+`, {credentials: 'same-origin'}).then(async (r) => ({type: r.headers.get('content-type'),
		data: await new Promise(async (done) => { const f = new FileReader(); f.onload = () => done(f.result); f.readAsDataURL(await r.blob()); })}))`, &got)
	pdf, err := base64.StdEncoding.DecodeString(got.Data[strings.IndexByte(got.Data, ',')+1:])
	if err != nil || got.Type != "application/pdf" || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("tomorrow's packs came as %q, %d bytes starting %.8q (%v)", got.Type, len(pdf), pdf, err)
	}
	pages := pageCount(t, pdf)
	t.Logf("tomorrow's packs: %d pages for %d visits", pages, tomorrow)
	if pages < tomorrow {
		t.Errorf("tomorrow's packs have %d pages for %d visits", pages, tomorrow)
	}
}

// skipsPack are the stages whose visits have no pack in the day's print.
var skipsPack = map[visit.Status]bool{visit.Cancelled: true, visit.NoShow: true, visit.Held: true,
	visit.Released: true, visit.Rescheduled: true}

// pageCount is the PDF's number of pages, as pdfinfo reads it where it is installed,
// else by its page objects.
func pageCount(t *testing.T, pdf []byte) int {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	}
	path := filepath.Join(t.TempDir(), "packs.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo tells no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// "?" opens the list of shortcuts (which passes axe); Escape closes it. In the find
// box, "c" is a letter of a name: it checks no one in.
func TestBrowserTodayShortcutsAndTypingInTheFindBox(t *testing.T) {
	k := newDemoKit(t, dbtest.New(t))
	dir := browsertest.ScreenshotDir(t)
	s := k.desk(deskWidth)
	s.shortcut("?")
	s.WaitFor(`document.getElementById('shortcuts').open`, wait)
	if told := s.Text(`document.getElementById('shortcuts').innerText`); !strings.Contains(told, "Skróty klawiszowe") ||
		!strings.Contains(told, "przyjmij") || !strings.Contains(told, "na fotel") {
		t.Errorf("the shortcuts dialog says:\n%s", told)
	}
	s.look(dir, "today-shortcuts")
	s.Key(kb.Escape)
	s.WaitFor(`!document.getElementById('shortcuts').open`, wait)

	id := s.Text(`(Console.rows().find((r) => r.querySelector('[data-key="c"]')) || {id: 'v-'}).id.slice(2)`)
	if id == "" {
		t.Fatal("no visit of the demo's day can be checked in")
	}
	before := len(k.day(k.date(0), visit.Arrived))
	s.toRow(id)
	s.shortcut("/")
	if got := s.focused(); !strings.HasPrefix(got, "input#search") {
		t.Fatalf("/ put the focus on %q", got)
	}
	s.shortcut("c")
	if got := s.value("search"); got != "c" {
		t.Errorf("the find box holds %q after typing c", got)
	}
	if n := s.Text(`String(document.querySelectorAll('form[data-one] button:disabled').length)`); n != "0" {
		t.Errorf("typing c in the find box pressed %s buttons", n)
	}
	s.Eval(`Console.poll(true).then(() => true)`, nil)
	if st := k.stored(id).Status; st != visit.Booked && st != visit.Confirmed {
		t.Errorf("typing c in the find box made the current visit %s", st)
	}
	if after := len(k.day(k.date(0), visit.Arrived)); after != before {
		t.Errorf("typing c in the find box checked in %d patients", after-before)
	}
}
