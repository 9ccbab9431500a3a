package selfservice_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// In a browser, a visit inside the change window shows the call card with the
// clinic's number and no deadline, and no form to move or cancel it; the page shows
// the clinic's icon.
func TestVisitPageInsideTheWindowInABrowser(t *testing.T) {
	browser := newBrowser(t)
	k := newPageKit(newSelfKit(t, dbtest.New(t)), t)
	base, token := k.serve(), k.bookIn("pl", k.At(10, 0), phoneN(60))
	k.moveClockTo(k.At(10, 0).Add(-20 * time.Hour))
	tab := newTab(t, browser, true)
	do(t, tab, "open the page", chromedp.Navigate(base+"/v/"+token), chromedp.WaitVisible("#call"))
	call := run(t, tab, "call card", chromedp.Evaluate[string]("document.querySelector('#call').innerText"))
	if !strings.Contains(call, "zadzwoń do nas") || strings.Contains(call, "można to było") || strings.Contains(call, " do 20") {
		t.Errorf("the call card says %q", call)
	}
	if run(t, tab, "forms", chromedp.Evaluate[bool]("!!document.querySelector('#move, #cancel')")) {
		t.Error("the page offers to move or cancel inside the window")
	}
	icon := `(async () => { const l = document.querySelector('link[rel=icon]'); if (!l) return false;
		const i = new Image(); i.src = l.href; try { await i.decode(); } catch (e) { return false; } return i.naturalWidth > 0; })()`
	if !run(t, tab, "icon", chromedp.Evaluate[bool](icon, chromedp.EvalAwaitPromise)) {
		t.Error("the page shows no icon")
	}
}
