package widget_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/selfservice"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// chromiumPath is Debian's Chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

// The browser is started once for the package and shared: each test gets a tab.
var browser struct {
	once    sync.Once
	ctx     context.Context
	cancel  func()
	dataDir string
	err     error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
		_ = os.RemoveAll(browser.dataDir)
	}
	os.Exit(code)
}

func startBrowser() {
	if _, err := exec.LookPath(chromiumPath); err != nil {
		browser.err = fmt.Errorf("%s is not installed (apt-get install chromium, as .ci/run does)", chromiumPath)
		return
	}
	browser.dataDir, browser.err = os.MkdirTemp("", "frontdesk-chromium-")
	if browser.err != nil {
		return
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromiumPath), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.UserDataDir(browser.dataDir),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	browser.ctx, browser.cancel = ctx, func() { cancelCtx(); cancelAlloc() }
	browser.err = chromedp.Do(ctx) // starts the browser on its first tab
}

// site is the app listening on a real port over a database seeded with the demo clinic.
type site struct {
	*kit
	base string
}

func newSite(t *testing.T) *site {
	t.Helper()
	browser.once.Do(startBrowser)
	if browser.err != nil {
		t.Skip("browser tests skipped: " + browser.err.Error())
	}
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
	t      *testing.T
	ctx    context.Context
	s      *site
	opened time.Time
	// onStep runs on every step the flow reaches (screenshots, audits).
	onStep func(step string)

	mu   sync.Mutex
	errs []string
}

// open loads url in a new tab of width×height; JavaScript errors fail the test.
func (s *site) open(t *testing.T, url string, width, height int64) *page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser.ctx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	p := &page{t: t, ctx: ctx, s: s}
	messages := chromedp.Console(ctx)
	p.do(chromedp.EmulateViewport(width, height), chromedp.Navigate(url))
	go p.watch(messages)
	t.Cleanup(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, e := range p.errs {
			t.Errorf("page %s", e)
		}
	})
	p.opened = time.Now()
	return p
}

// watch keeps uncaught errors and CSP refusals, which a patient would only notice as
// a widget that does nothing; the test fails on them when it ends.
func (p *page) watch(messages func(func(chromedp.ConsoleMessage, error) bool)) {
	for m, err := range messages {
		if err != nil {
			return
		}
		if m.Type == chromedp.ConsoleException || strings.Contains(m.Text, "Content Security Policy") {
			p.mu.Lock()
			p.errs = append(p.errs, string(m.Type)+": "+m.Text)
			p.mu.Unlock()
		}
	}
}

func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatalf("browser: %v", err)
	}
}

// root is the widget's shadow root in page scripts.
const root = `document.querySelector('frontdesk-booking').shadowRoot`

// eval runs js in the page and decodes its value into out (nil: ignore it).
func (p *page) eval(js string, out any) {
	p.t.Helper()
	raw, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("eval %.120s: %v", js, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			p.t.Fatalf("eval %.120s: %s: %v", js, raw, err)
		}
	}
}

func (p *page) text(js string) string {
	var s string
	p.eval(js, &s)
	return s
}

// waitStep waits until the widget shows step, then runs onStep.
func (p *page) waitStep(step string) {
	p.t.Helper()
	js := fmt.Sprintf(`(() => { const r = document.querySelector('frontdesk-booking')?.shadowRoot?.querySelector('.fd');
		return r && r.dataset.step === %q && !r.querySelector('[aria-busy=true]'); })()`, step)
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		p.t.Fatalf("the widget did not reach step %q (it shows %q, alert %q): %v", step,
			p.text(root+`.querySelector('.fd')?.dataset.step || 'nothing'`), p.alert(), err)
	}
	if p.onStep != nil {
		p.onStep(step)
	}
}

func (p *page) alert() string {
	return p.text(`document.querySelector('frontdesk-booking')?.shadowRoot?.querySelector('.alert')?.textContent || ''`)
}

// click clicks, with the mouse, the middle of the first element matching selector
// whose text contains text: what the patient sees is what gets clicked.
func (p *page) click(selector, text string) {
	p.t.Helper()
	var at []float64
	p.eval(fmt.Sprintf(`(() => { const el = [...%s.querySelectorAll(%q)].find((e) => e.textContent.includes(%q));
		if (!el) return null; el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();
		return [r.x + r.width / 2, r.y + r.height / 2]; })()`, root, selector, text), &at)
	if len(at) != 2 {
		p.t.Fatalf("nothing to click: %s containing %q", selector, text)
	}
	p.do(chromedp.MouseClickXY(at[0], at[1]))
}

// fill clicks an input and types text into it.
func (p *page) fill(id, text string) {
	p.t.Helper()
	p.click("#"+id, "")
	p.eval(fmt.Sprintf(`%s.getElementById(%q).select()`, root, id), nil)
	if _, err := chromedp.Call(p.ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
		p.t.Fatal(err)
	}
}

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
	p.eval(`document.querySelector('frontdesk-booking').scrollIntoView({block: 'start'})`, nil)
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot %s", path)
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
// option at index doctor (0 is any doctor), the first free day and time.
func (p *page) toDetails(doctor int) {
	p.t.Helper()
	p.waitStep("service")
	p.click(".opt", "")
	p.waitStep("doctor")
	p.eval(fmt.Sprintf(`%s.querySelectorAll('.opt')[%d].setAttribute('data-pick', '')`, root, doctor), nil)
	p.click(".opt[data-pick]", "")
	p.waitStep("day")
	p.click("td button.free", "")
	p.waitStep("time")
	p.click(".times button", "")
	p.waitStep("details")
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
