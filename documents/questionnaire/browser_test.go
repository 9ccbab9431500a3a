package questionnaire_test

import (
	"context"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// chromium is Debian's browser, which CI installs for the browser tests.
const chromium = "/usr/bin/chromium"

func newTab(t *testing.T, script bool) context.Context {
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
	if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled,
		emulation.SetScriptExecutionDisabledParams{Value: !script}); err != nil {
		t.Fatalf("script switch: %v", err)
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

const hiddenJS = "document.getElementById('f-%s').closest('[hidden]') !== null"

func hidden(t *testing.T, tab context.Context, linkID string) bool {
	t.Helper()
	return eval[bool](t, tab, strings.ReplaceAll(hiddenJS, "%s", linkID))
}

func TestQuestionnaireInABrowser(t *testing.T) {
	t.Run("conditional questions follow the answers", func(t *testing.T) {
		tab := newTab(t, true)
		k := newKit(t, dbtest.New(t))
		p := k.patient("Jan", "Kowalski", "+48601234567", "en")
		token, _ := k.link(k.book(p.ID, 2))
		if err := chromedp.Do(tab, chromedp.Navigate(k.serve(t)+"/q/"+token), chromedp.WaitReady("form")); err != nil {
			t.Fatal(err)
		}
		if !hidden(t, tab, "pregnancy") || !hidden(t, tab, "guardian_name") || !hidden(t, tab, "allergies_other") {
			t.Error("conditional questions shown before they apply")
		}
		if eval[bool](t, tab, "document.documentElement.scrollWidth > window.innerWidth") {
			t.Error("the page scrolls sideways at 360 px")
		}
		set := `(function(){var b=document.getElementById('i-birth_date'); b.value='%s';
			b.dispatchEvent(new Event('change',{bubbles:true})); return true})()`
		eval[bool](t, tab, strings.Replace(set, "%s", "1990-05-01", 1))
		if err := chromedp.Do(tab, chromedp.Click("input[name='q.sex'][value=female]"), chromedp.Click("input[name='q.allergies'][value=other]")); err != nil {
			t.Fatal(err)
		}
		if hidden(t, tab, "pregnancy") || hidden(t, tab, "allergies_other") || !hidden(t, tab, "guardian_name") {
			t.Error("a woman of 36 ticking other allergies: wrong questions shown")
		}
		eval[bool](t, tab, strings.Replace(set, "%s", time.Now().AddDate(-10, 0, 0).Format(time.DateOnly), 1))
		if !hidden(t, tab, "pregnancy") || hidden(t, tab, "guardian_name") || hidden(t, tab, "guardian_document") {
			t.Error("a girl of 10: wrong questions shown")
		}
	})
	t.Run("submits without JavaScript", func(t *testing.T) {
		tab := newTab(t, false)
		k := newKit(t, dbtest.New(t))
		p, _, err := k.env.Clinic.CreatePatient(context.Background(), clinic.PatientInput{BranchID: k.branch.ID,
			FirstName: "Jan", LastName: "Kowalski", Phone: "+48601234567", Sex: "male", BirthDate: "1980-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		token, _ := k.link(k.book(p.ID, 2))
		if err := chromedp.Do(tab, chromedp.Navigate(k.serve(t)+"/q/"+token), chromedp.WaitReady("form"),
			chromedp.Click("input[name='q.consent_data']"), chromedp.Click("button[value=submit]")); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(20 * time.Second)
		for !strings.Contains(eval[string](t, tab, "String(document.querySelector('.flash')?.textContent || '')"), "Dziękujemy") {
			if time.Now().After(deadline) {
				t.Fatalf("no thank-you after submitting: %s", eval[string](t, tab, "document.body.innerText"))
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}
