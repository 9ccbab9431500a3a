package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// OpenApart loads url in a tab of a browser context of its own, with cookies and
// storage no other tab shares: a second desk's browser, signed in on its own. (Tabs
// from Open share the browser's cookies.)
func OpenApart(t testing.TB, url string, width, height int64) *Tab {
	t.Helper()
	Require(t)
	ctx, cancel := chromedp.NewContext(browser.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	p := &Tab{T: t, Ctx: ctx}
	go p.watch(chromedp.Console(ctx))
	t.Cleanup(p.report)
	p.Do(chromedp.EmulateViewport(width, height), chromedp.Navigate(url))
	return p
}
