// Package browsertest drives Debian's headless Chromium for the tests of pages people
// use (the booking widget, the staff console): one browser per test binary, a tab per
// test, uncaught errors and CSP refusals failing the test, axe-core audits and
// screenshots. Only tests import it.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is Debian's Chromium, which .ci/run installs.
const ChromiumPath = "/usr/bin/chromium"

// AxeEnv names the axe-core script that .ci/run installs from npm.
const AxeEnv = "FRONTDESK_AXE_JS"

// The browser is started once for the test binary and shared: each test gets a tab.
var browser struct {
	once    sync.Once
	ctx     context.Context
	cancel  func()
	dataDir string
	err     error
}

// Close stops the browser, if a test started it; call it from TestMain after m.Run.
func Close() {
	if browser.cancel != nil {
		browser.cancel()
		_ = os.RemoveAll(browser.dataDir)
	}
}

// Require starts the browser on first use, or skips the test where Chromium is not
// installed.
func Require(t testing.TB) {
	t.Helper()
	browser.once.Do(start)
	if browser.err != nil {
		t.Skip("browser tests skipped: " + browser.err.Error())
	}
}

func start() {
	if _, err := exec.LookPath(ChromiumPath); err != nil {
		browser.err = fmt.Errorf("%s is not installed (apt-get install chromium, as .ci/run does)", ChromiumPath)
		return
	}
	browser.dataDir, browser.err = os.MkdirTemp("", "frontdesk-chromium-")
	if browser.err != nil {
		return
	}
	// Without the background-networking flags Chromium keeps calling Google's hosts,
	// which a closed network refuses many at a time.
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(ChromiumPath), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.UserDataDir(browser.dataDir),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	browser.ctx, browser.cancel = ctx, func() { cancelCtx(); cancelAlloc() }
	browser.err = chromedp.Do(ctx) // starts the browser on its first tab
}

// Tab is one browser tab of a test.
type Tab struct {
	T   testing.TB
	Ctx context.Context

	mu   sync.Mutex
	errs []string
}

// Open loads url in a new tab of width×height. Tabs share the browser's cookies
// (OpenApart gives one its own). JavaScript errors and CSP refusals fail the test
// when it ends.
func Open(t testing.TB, url string, width, height int64) *Tab {
	t.Helper()
	p := NewTab(t)
	p.Do(chromedp.EmulateViewport(width, height), chromedp.Navigate(url))
	return p
}

// NewTab opens an empty tab, for a test that sets the tab up before navigating.
func NewTab(t testing.TB) *Tab {
	t.Helper()
	Require(t)
	ctx, cancel := chromedp.NewContext(browser.ctx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	p := &Tab{T: t, Ctx: ctx}
	go p.watch(chromedp.Console(ctx))
	t.Cleanup(p.report)
	return p
}

func (p *Tab) report() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.errs {
		p.T.Errorf("page %s", e)
	}
}

// watch keeps uncaught errors and CSP refusals, which a person would only notice as a
// page that does nothing.
func (p *Tab) watch(messages func(func(chromedp.ConsoleMessage, error) bool)) {
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

// Do runs browser actions, failing the test on an error.
func (p *Tab) Do(actions ...chromedp.Action[chromedp.Void]) {
	p.T.Helper()
	if err := chromedp.Do(p.Ctx, actions...); err != nil {
		p.T.Fatalf("browser: %v", err)
	}
}
