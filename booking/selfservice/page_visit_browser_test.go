package selfservice_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// chromium is Debian's browser, which CI installs (.ci/run) for the browser tests.
const chromium = "/usr/bin/chromium"

// phoneWidth is the narrow phone the page is made for.
const phoneWidth = 360

// newBrowser starts a headless Chromium with a fresh profile for t, or skips t when
// Chromium is not installed. Each test opens its own tabs in it (newTab).
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("browser test skipped: %s is not installed (apt-get install chromium; CI installs it)", chromium)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(chromium), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(phoneWidth, 780))
	t.Cleanup(cancelAlloc)
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", chromium, err)
	}
	return ctx
}

// newTab opens a tab the size of a phone; script false turns JavaScript off in it.
func newTab(t *testing.T, browser context.Context, script bool) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab, chromedp.EmulateViewport(phoneWidth, 780, chromedp.EmulateMobile)); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled,
		emulation.SetScriptExecutionDisabledParams{Value: !script}); err != nil {
		t.Fatalf("script switch: %v", err)
	}
	return tab
}

// serve makes the kit's app listen on a free local port for real browsers.
func (k *pageKit) serve() string {
	k.T.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		k.T.Fatalf("listen: %v", err)
	}
	go func() { _ = k.Env.HTTP.Listener(ln) }()
	// The browser keeps its connections open for reuse; waiting for them would take the
	// server's whole read timeout.
	k.T.Cleanup(func() { _ = k.Env.HTTP.ShutdownWithTimeout(100 * time.Millisecond) })
	return "http://" + ln.Addr().String()
}

func do(t *testing.T, tab context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func run[T any](t *testing.T, tab context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(tab, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// after waits until a page that a form post led to answers expr truthfully, and
// returns expr's value. Selector actions keep to the document that Navigate loaded
// and never see the page a form led to, so what follows a post is read by script.
func after(t *testing.T, tab context.Context, what, expr string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		v, err := chromedp.Run(tab, chromedp.Evaluate[string]("String(("+expr+") || '')"))
		if err == nil && v != "" {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s never held (last error %v)", what, expr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// screenshot saves the whole page as seen on the phone and logs where.
func screenshot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	png := run(t, tab, "screenshot", chromedp.FullScreenshot(100))
	path := filepath.Join(t.TempDir(), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("save screenshot: %v", err)
	}
	t.Logf("%d px screenshot: %s", phoneWidth, path)
}

// flashText is the message the page shows after a form was done.
const flashText = "document.querySelector('.flash')?.textContent"

func TestVisitPageInABrowser(t *testing.T) {
	browser := newBrowser(t)
	t.Run("confirm, at 360 px", func(t *testing.T) {
		k := newPageKit(newSelfKit(t, dbtest.New(t)), t)
		base, token := k.serve(), k.bookIn("en", k.At(10, 0), phoneN(1))
		tab := newTab(t, browser, true)
		do(t, tab, "open the page", chromedp.Navigate(base+"/v/"+token), chromedp.WaitVisible("#confirm button"))
		// The stylesheet ran (its hash is in the CSP) and nothing is wider than the phone.
		if w := run(t, tab, "style", chromedp.Evaluate[string]("getComputedStyle(document.querySelector('main')).maxWidth")); w != "576px" {
			t.Errorf("main max-width %q: the page's style did not apply", w)
		}
		if run(t, tab, "width", chromedp.Evaluate[bool]("document.documentElement.scrollWidth > window.innerWidth")) {
			t.Errorf("the page scrolls sideways at %d px", phoneWidth)
		}
		screenshot(t, tab, "visit-360")
		do(t, tab, "confirm", chromedp.Click("#confirm button"))
		if got := after(t, tab, "confirmed", flashText); got != "Thank you! Your visit is confirmed." {
			t.Errorf("flash %q", got)
		}
		if url := after(t, tab, "location", "location.href"); !strings.HasSuffix(url, "/v/"+token+"?done=confirmed") {
			t.Errorf("after the post the browser is at %s", url)
		}
		if s := k.statusOf(token); s != "confirmed" {
			t.Errorf("status %s", s)
		}
	})
	t.Run("cancel without JavaScript", func(t *testing.T) {
		k := newPageKit(newSelfKit(t, dbtest.New(t)), t)
		base, token := k.serve(), k.bookIn("ru", k.At(10, 0), phoneN(1))
		tab := newTab(t, browser, false)
		do(t, tab, "cancel", chromedp.Navigate(base+"/v/"+token), chromedp.SetValue("#reason", "schedule"),
			chromedp.SendKeys("#details", "командировка"), chromedp.Click("#cancel button"))
		if got := after(t, tab, "cancelled", flashText); !strings.HasPrefix(got, "Ваш визит отменён.") {
			t.Errorf("flash %q", got)
		}
		if n := k.count(`SELECT COUNT(*) FROM appointments WHERE status = 'cancelled'
			AND cancel_reason = 'Ten termin już mi nie odpowiada: командировка'`); n != 1 {
			t.Error("the visit is not cancelled with the reason in the branch's language")
		}
	})
	t.Run("move through the time picker", func(t *testing.T) {
		k := newPageKit(newSelfKit(t, dbtest.New(t)), t)
		base, token := k.serve(), k.bookIn("pl", k.At(10, 0), phoneN(1))
		tab := newTab(t, browser, true)
		do(t, tab, "pick a time", chromedp.Navigate(base+"/v/"+token), chromedp.Click("#picker details[open] label"),
			chromedp.WaitVisible("#chosen"))
		// The script ran (its hash is in the CSP): it repeats the choice above the button.
		if got := run(t, tab, "chosen", chromedp.Text("#chosen")); !strings.HasPrefix(got, "Nowy termin: ") {
			t.Errorf("chosen %q", got)
		}
		picked := run(t, tab, "value", chromedp.Evaluate[string]("document.querySelector('input[name=start]:checked').value"))
		do(t, tab, "move", chromedp.Click("#move button"))
		if got := after(t, tab, "moved", flashText); !strings.HasPrefix(got, "Gotowe!") {
			t.Errorf("flash %q", got)
		}
		var v visitJSON
		k.visit(token).Decode(t, &v)
		if want, _ := time.Parse(time.RFC3339, picked); !v.Start.Equal(want) {
			t.Errorf("the visit starts at %s, want the picked %s", v.Start, picked)
		}
	})
	t.Run("inside the change window the phone", func(t *testing.T) {
		k := newPageKit(newSelfKit(t, dbtest.New(t)), t)
		base, token := k.serve(), k.bookIn("sv", k.At(10, 0), phoneN(1))
		k.moveClockTo(k.At(10, 0).Add(-2 * time.Hour))
		tab := newTab(t, browser, true)
		do(t, tab, "open the page", chromedp.Navigate(base+"/v/"+token), chromedp.WaitVisible("#call a"))
		href := run(t, tab, "phone link", chromedp.AttributeValue("#call a", "href"))
		if href.Value != "tel:+48221234567" {
			t.Errorf("the call link is %q", href.Value)
		}
		if run(t, tab, "forms", chromedp.Evaluate[bool]("!!document.getElementById('cancel') || !!document.getElementById('move')")) {
			t.Error("cancel or move is still offered inside the change window")
		}
		screenshot(t, tab, "visit-360-call-us")
	})
}
