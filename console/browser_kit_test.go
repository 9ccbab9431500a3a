package console_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/browsertest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	browsertest.Close()
	os.Exit(code)
}

// screen is one Chromium tab at a desk (its own cookies, so its own session).
type screen struct {
	*browsertest.Tab
	k *kit
}

// open loads path in a new tab width pixels wide.
func (k *kit) open(path string, width int64) *screen {
	k.t.Helper()
	return &screen{Tab: browsertest.Open(k.t, k.base+path, width, 900), k: k}
}

// signIn fills the sign-in form as a person does and waits for the landing page.
func (s *screen) signIn(email string) {
	s.T.Helper()
	s.Fill("f-email", email)
	s.Fill("f-password", apitest.Password)
	s.Click("button[type=submit]", "")
	s.WaitFor(`location.pathname !== '/console/login' && document.readyState === 'complete'`, 10*time.Second)
}

// path is where the tab is now.
func (s *screen) path() string { return s.Text(`location.pathname + location.search`) }

// body is the page's visible text.
func (s *screen) body() string { return s.Text(`document.body.innerText`) }

// shot saves a screenshot under dir, full height, for a person to look at.
func (s *screen) shot(dir, name string) {
	s.T.Helper()
	s.Do(chromedp.EmulateViewport(360, 900))
	s.Screenshot(dir, name)
}

// wantText fails the test unless the page shows each part. A page still loading (a
// link just followed, a form just posted) is waited for a few seconds: under a loaded
// machine the new document may be parsed after the location has changed.
func (s *screen) wantText(parts ...string) {
	s.T.Helper()
	var missing []string
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		missing = missing[:0]
		body, _ := s.TryText(`document.readyState === 'complete' ? document.body.innerText : ''`)
		for _, p := range parts {
			if !strings.Contains(body, p) {
				missing = append(missing, p)
			}
		}
		if len(missing) == 0 || time.Now().After(deadline) {
			break
		}
	}
	for _, p := range missing {
		s.T.Errorf("the page at %s does not show %q", s.path(), p)
	}
}
