package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Eval runs js in the page (awaiting a promise) and decodes its value into out (nil:
// ignore it).
func (p *Tab) Eval(js string, out any) {
	p.T.Helper()
	raw, err := chromedp.Run(p.Ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.T.Fatalf("eval %.120s: %v", js, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			p.T.Fatalf("eval %.120s: %s: %v", js, raw, err)
		}
	}
}

// Text is the string value of js in the page.
func (p *Tab) Text(js string) string {
	var s string
	p.Eval(js, &s)
	return s
}

// WaitFor waits until js is truthy in the page. A navigation in between (a form
// posted, a redirect followed) is waited out, not taken for an answer.
func (p *Tab) WaitFor(js string, timeout time.Duration) {
	p.T.Helper()
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(p.Ctx, chromedp.Evaluate[bool]("!!("+js+")"))
		if err == nil && ok {
			return
		}
		if p.Ctx.Err() != nil {
			break
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	p.T.Fatalf("never true within %s: %s (last error: %v)", timeout, js, last)
}

// ClickIn clicks with the mouse the middle of the first element under scope (a
// document or shadow root expression) matching selector whose text contains text:
// what a person sees is what gets clicked.
func (p *Tab) ClickIn(scope, selector, text string) {
	p.T.Helper()
	var at []float64
	p.Eval(fmt.Sprintf(`(() => { const el = [...%s.querySelectorAll(%q)].find((e) => e.textContent.includes(%q));
		if (!el) return null; el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();
		return [r.x + r.width / 2, r.y + r.height / 2]; })()`, scope, selector, text), &at)
	if len(at) != 2 {
		p.T.Fatalf("nothing to click: %s containing %q", selector, text)
	}
	p.Do(chromedp.MouseClickXY(at[0], at[1]))
}

// Click clicks an element of the document, as ClickIn.
func (p *Tab) Click(selector, text string) { p.T.Helper(); p.ClickIn("document", selector, text) }

// FillIn clicks the input with id under scope, selects what it holds and types text.
func (p *Tab) FillIn(scope, id, text string) {
	p.T.Helper()
	p.ClickIn(scope, "#"+id, "")
	p.Eval(fmt.Sprintf(`%s.getElementById(%q).select()`, scope, id), nil)
	if _, err := chromedp.Call(p.Ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
		p.T.Fatal(err)
	}
}

// Fill types text into the document's input with id.
func (p *Tab) Fill(id, text string) { p.T.Helper(); p.FillIn("document", id, text) }

// Key presses one key, as the keyboard sends it.
func (p *Tab) Key(key string) {
	p.T.Helper()
	p.Do(chromedp.KeyEvent(key))
}

// Screenshot saves the viewport as dir/name.png.
func (p *Tab) Screenshot(dir, name string) {
	p.T.Helper()
	png, err := chromedp.Run(p.Ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.T.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.T.Fatal(err)
	}
	p.T.Logf("screenshot %s", path)
}

// ScreenshotDir is where screenshots go: FRONTDESK_SCREENSHOTS to keep them, else the
// test's temp dir.
func ScreenshotDir(t testing.TB) string {
	if dir := os.Getenv("FRONTDESK_SCREENSHOTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err == nil {
			return dir
		}
	}
	return t.TempDir()
}

// TryText is the string value of js, or the error of a page that is between two
// documents (a navigation under way), for callers that wait and try again.
func (p *Tab) TryText(js string) (string, error) {
	return chromedp.Run(p.Ctx, chromedp.Evaluate[string](js))
}
