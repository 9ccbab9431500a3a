package widget_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/selfservice"
	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

func TestMain(m *testing.M) {
	code := m.Run()
	browsertest.Close()
	os.Exit(code)
}

// site is the app listening on a real port over a database seeded with the demo clinic.
type site struct {
	*kit
	base string
}

func newSite(t *testing.T) *site {
	t.Helper()
	browsertest.Require(t)
	k := newKit(t, dbtest.New(t), apitest.Demo())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = k.e.HTTP.Listener(ln) }()
	t.Cleanup(func() { _ = k.e.HTTP.ShutdownWithTimeout(2 * time.Second) })
	return &site{kit: k, base: "http://" + ln.Addr().String()}
}

// page is one browser tab driving the widget.
type page struct {
	*browsertest.Tab
	t      *testing.T
	ctx    context.Context
	s      *site
	opened time.Time
	// onStep runs on every step the flow reaches (screenshots, audits).
	onStep func(step string)
}

// open loads url in a new tab of width×height; JavaScript errors fail the test.
func (s *site) open(t *testing.T, url string, width, height int64) *page {
	t.Helper()
	tab := browsertest.Open(t, url, width, height)
	return &page{Tab: tab, t: t, ctx: tab.Ctx, s: s, opened: time.Now()}
}

// root is the widget's shadow root in page scripts.
const root = `document.querySelector('frontdesk-booking').shadowRoot`

// waitStep waits until the widget shows step, then runs onStep.
func (p *page) waitStep(step string) {
	p.t.Helper()
	js := fmt.Sprintf(`(() => { const r = document.querySelector('frontdesk-booking')?.shadowRoot?.querySelector('.fd');
		return r && r.dataset.step === %q && !r.querySelector('[aria-busy=true]'); })()`, step)
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		p.t.Fatalf("the widget did not reach step %q (it shows %q, alert %q): %v", step,
			p.Text(root+`.querySelector('.fd')?.dataset.step || 'nothing'`), p.alert(), err)
	}
	if p.onStep != nil {
		p.onStep(step)
	}
}

func (p *page) alert() string {
	return p.Text(`document.querySelector('frontdesk-booking')?.shadowRoot?.querySelector('.alert')?.textContent || ''`)
}

// click clicks, with the mouse, the middle of the first element of the widget
// matching selector whose text contains text: what the patient sees is what gets clicked.
func (p *page) click(selector, text string) { p.t.Helper(); p.ClickIn(root, selector, text) }

// fill clicks an input of the widget and types text into it.
func (p *page) fill(id, text string) { p.t.Helper(); p.FillIn(root, id, text) }

// waitFillTime waits out selfservice.MinFillTime since the page opened, as a person
// would have taken it, so the server does not take the test for a robot.
func (p *page) waitFillTime() {
	time.Sleep(time.Until(p.opened.Add(selfservice.MinFillTime + 300*time.Millisecond)))
}

// codeFor reads the newest code sent to phone (E.164) from the outbox.
func (s *site) codeFor(t *testing.T, phone string) string {
	t.Helper()
	rows, err := s.e.Messages.Recent(t.Context(), messaging.Filter{Recipient: phone, Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range rows {
		if strings.HasPrefix(m.DedupeKey, "code:") {
			return sixDigits.FindString(m.Body)
		}
	}
	t.Fatalf("no code sent to %s", phone)
	return ""
}

// screenshot saves the viewport, with the widget scrolled into it, under dir.
func (p *page) screenshot(dir, name string) {
	p.t.Helper()
	p.Eval(`document.querySelector('frontdesk-booking').scrollIntoView({block: 'start'})`, nil)
	p.Screenshot(dir, name)
}

// patient is what the flow types.
type patient struct {
	First, Last, Phone string
	// E164 is how the server stores Phone.
	E164 string
}

var anna = patient{First: "Anna", Last: "Nowak", Phone: "601 234 567", E164: "+48601234567"}

// bookByMouse books the first free time of the first service with any doctor.
func (p *page) bookByMouse(who patient) {
	p.t.Helper()
	p.toDetails(0)
	p.fillDetails(who)
	p.click("button[type=submit]", "")
	p.confirmCode(who)
}

// toDetails clicks through to the details step: the first service, the doctor
// option at index doctor (0 is any doctor), the first free day with more than one
// time (pickDay) and its first time.
func (p *page) toDetails(doctor int) {
	p.t.Helper()
	p.waitStep("service")
	p.click(".opt", "")
	p.waitStep("doctor")
	p.Eval(fmt.Sprintf(`%s.querySelectorAll('.opt')[%d].setAttribute('data-pick', '')`, root, doctor), nil)
	p.click(".opt[data-pick]", "")
	p.waitStep("day")
	p.pickDay()
	p.waitStep("time")
	p.click(".times button", "")
	p.waitStep("details")
}

// availabilityRequests counts the page's availability requests: for a month view, and
// for one day's times (the lean shape's day parameter).
func (p *page) availabilityRequests() (r struct{ Months, Days int }) {
	p.Eval(`(() => { const rs = performance.getEntriesByType('resource').filter((e) => e.name.includes('/public/availability'));
		const days = rs.filter((e) => new URL(e.name).searchParams.has('day')).length;
		return { Months: rs.length - days, Days: days }; })()`, &r)
	return r
}

// markRoomyDay marks the button of the month's first day with more than eight free
// times and tells whether there is one.
const markRoomyDay = `(() => {
	const day = document.querySelector('frontdesk-booking').monthData().days.find((d) => d.free > 8);
	const b = day && [...` + root + `.querySelectorAll('td button.free')].find((b) => b.textContent === String(+day.date.slice(8)));
	b?.setAttribute('data-pick', '');
	return !!b; })()`

// pickDay clicks the first free day that offers more than eight times, in this month
// or the next: late in the day today may have a few times left, all of which one
// visit taken from the patient blocks (its length and buffer overlap its neighbours on
// the grid: at 17:00 on a Wednesday the test then saw no times for the day at all).
// With none, it clicks the first free day.
func (p *page) pickDay() {
	p.t.Helper()
	for month := 0; month < 2; month++ {
		var found bool
		if p.Eval(markRoomyDay, &found); found {
			p.click("td button[data-pick]", "")
			return
		}
		if month == 0 {
			p.click(".nav button:last-child", "")
			p.waitStep("day")
		}
	}
	p.click("td button.free", "")
}

func (p *page) fillDetails(who patient) {
	p.fill("fd-first_name", who.First)
	p.fill("fd-last_name", who.Last)
	p.fill("fd-phone", who.Phone)
	p.waitFillTime()
}

func (p *page) confirmCode(who patient) {
	p.t.Helper()
	p.waitStep("code")
	p.fill("fd-code", p.s.codeFor(p.t, who.E164))
	p.click("button[type=submit]", "")
	p.waitStep("done")
}
