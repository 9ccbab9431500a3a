package surveys_test

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// chromium is Debian's browser, which CI installs for the browser tests.
const chromium = "/usr/bin/chromium"

// axeEnv names the axe-core script that .ci/run installs from npm.
const axeEnv = "FRONTDESK_AXE_JS"

// newTab is a phone-sized tab (360 × 780) of a fresh headless Chromium. Tests drive and
// audit the page through DevTools, so the page's own CSP (no script at all) is
// bypassed for axe only; the page itself runs none.
func newTab(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("browser test skipped: %s is not installed (apt-get install chromium; CI installs it)", chromium)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(chromium), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(360, 780))
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tab, chromedp.EmulateViewport(360, 780, chromedp.EmulateMobile)); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	if _, err := chromedp.Call(tab, cdppage.SetBypassCSP, cdppage.SetBypassCSPParams{Enabled: true}); err != nil {
		t.Fatalf("bypass CSP for axe: %v", err)
	}
	return tab
}

func (k *kit) serve(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	go func() { _ = k.env.HTTP.Listener(ln) }()
	t.Cleanup(func() { _ = k.env.HTTP.ShutdownWithTimeout(100 * time.Millisecond) })
	return "http://" + ln.Addr().String()
}

func eval[T any](t *testing.T, tab context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func run(t *testing.T, tab context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, actions...); err != nil {
		t.Fatal(err)
	}
}

// tabTo presses Tab until the focused element matches selector.
func tabTo(t *testing.T, tab context.Context, selector string) {
	t.Helper()
	for range 60 {
		if eval[bool](t, tab, `!!document.activeElement && document.activeElement.matches(`+quote(selector)+`)`) {
			return
		}
		run(t, tab, chromedp.KeyEvent(kb.Tab))
	}
	t.Fatalf("Tab never reached %s", selector)
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

// pick chooses the n-th option of the focused radio group by keyboard: Space checks
// the first, each arrow the next.
func pick(t *testing.T, tab context.Context, n int) {
	t.Helper()
	run(t, tab, chromedp.KeyEvent(" "))
	for range n {
		run(t, tab, chromedp.KeyEvent(kb.ArrowRight))
	}
}

// waitFor waits until a loaded page's h1 says want.
func waitFor(t *testing.T, tab context.Context, want string) {
	t.Helper()
	waitUntil(t, tab, want, `String(document.querySelector('h1')?.textContent || '').includes(`+quote(want)+`)`)
}

// waitUntil waits until a loaded page makes the expression cond true.
func waitUntil(t *testing.T, tab context.Context, want, cond string) {
	t.Helper()
	cond = `(function(){ try { return document.readyState === 'complete' && (` + cond + `) } catch (e) { return false } })()`
	deadline := time.Now().Add(20 * time.Second)
	for {
		v, err := chromedp.Run(tab, chromedp.Evaluate[bool](cond))
		if err == nil && v {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %q (%v): %s", want, err, eval[string](t, tab, "document.body ? document.body.innerText : ''"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// audit runs axe-core on the page and fails on serious and critical violations;
// without FRONTDESK_AXE_JS it only says it was skipped.
func audit(t *testing.T, tab context.Context, what string) {
	t.Helper()
	path := os.Getenv(axeEnv)
	if path == "" {
		t.Logf("axe on %s skipped: set %s to axe.min.js (npm install axe-core; .ci/run does)", what, axeEnv)
		return
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", axeEnv, err)
	}
	if !eval[bool](t, tab, `typeof axe !== 'undefined'`) {
		eval[bool](t, tab, string(src)+"\n;true")
	}
	var out struct {
		Passes     int
		Violations []struct{ Impact, Text string }
	}
	raw, err := chromedp.Run(tab, chromedp.Evaluate[[]byte](`axe.run(document, { resultTypes: ['violations'] }).then((r) => ({
		passes: r.passes.length, violations: r.violations.map((v) => ({ impact: v.impact, text: v.id + ': ' + v.help +
		' at ' + v.nodes.map((n) => JSON.stringify(n.target)).join(', ') })) }))`, chromedp.EvalAwaitPromise))
	if err == nil {
		err = json.Unmarshal(raw, &out)
	}
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	t.Logf("axe on %s: %d rules passed, %d violated", what, out.Passes, len(out.Violations))
	for _, v := range out.Violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("axe on %s: %s %s", what, v.Impact, v.Text)
		} else {
			t.Logf("axe on %s (%s, not failing): %s", what, v.Impact, v.Text)
		}
	}
}

// noSidewaysScroll fails when the page is wider than the 360 px phone.
func noSidewaysScroll(t *testing.T, tab context.Context, what string) {
	t.Helper()
	if eval[bool](t, tab, "document.documentElement.scrollWidth > window.innerWidth") {
		t.Errorf("%s scrolls sideways at 360 px", what)
	}
}

// On a 360 px phone the survey passes axe in every state (the form, the refused form,
// the thanks with review links) and is filled and sent by keyboard alone.
func TestSurveyInABrowser(t *testing.T) {
	tab := newTab(t)
	k := newKit(t, dbtest.New(t))
	k.setLinks(map[string]any{"site": "google", "url": "https://g.page/r/centrum/review"},
		map[string]any{"site": "znanylekarz", "url": "https://www.znanylekarz.pl/centrum"})
	tok := k.linkToken(k.followUp(k.patient("Jan", "+48601234567", "pl", true), true))
	run(t, tab, chromedp.Navigate(k.serve(t)+"/s/"+tok), chromedp.WaitReady("form"))
	noSidewaysScroll(t, tab, "the form")
	audit(t, tab, "the form")

	tabTo(t, tab, "button[type=submit]")
	run(t, tab, chromedp.KeyEvent(kb.Enter))
	waitUntil(t, tab, "the refused form", `document.querySelector('.problem') !== null`)
	if got := eval[int](t, tab, `document.querySelectorAll('[aria-invalid="true"]').length`); got != 5+5+3+11 {
		t.Errorf("marked inputs after an empty submit: %d", got)
	}
	noSidewaysScroll(t, tab, "the refused form")
	audit(t, tab, "the refused form")

	tabTo(t, tab, "input[name=overall]")
	pick(t, tab, 3) // 4
	tabTo(t, tab, "input[name=care]")
	pick(t, tab, 4) // 5
	tabTo(t, tab, "input[name=expectations]")
	pick(t, tab, 2) // better
	tabTo(t, tab, "input[name=recommend]")
	pick(t, tab, 9) // 9
	tabTo(t, tab, "#i-comment")
	run(t, tab, chromedp.KeyEvent("Bardzo dobrze"))
	tabTo(t, tab, "button[type=submit]")
	run(t, tab, chromedp.KeyEvent(kb.Enter))
	waitFor(t, tab, "Dziękujemy!")
	if n := k.count(`SELECT COUNT(*) FROM surveys WHERE overall = 4 AND care = 5 AND expectations = 'better'
		AND recommend = 9 AND comment = 'Bardzo dobrze'`); n != 1 {
		t.Errorf("the keyboard's answers were not stored as typed")
	}
	if got := eval[int](t, tab, `document.querySelectorAll('.links a[href^="https://"]').length`); got != 2 {
		t.Errorf("review links on the thanks: %d", got)
	}
	noSidewaysScroll(t, tab, "the thanks")
	audit(t, tab, "the thanks")
}
