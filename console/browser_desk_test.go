package console_test

import (
	"fmt"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The browser tests of the work lists, the patient card and the supplies board share
// these steps: open a screen signed in as a person does, look at it at a phone's and
// a desktop's width, and move through a form by keyboard alone.

// phoneWidth and deskWidth are the two widths every screen is looked at.
const (
	phoneWidth = 360
	deskWidth  = 1280
)

// wait is how long a page may take to answer a form in a test.
const wait = 10 * time.Second

// openAs opens path, is sent to the sign-in form, signs in as email and lands back
// on path: the way a person bookmarks a screen.
func (k *kit) openAs(email, path string, width int64) *screen {
	k.t.Helper()
	s := k.open(path, width)
	s.WaitFor(`location.pathname === '/console/login'`, wait)
	s.signIn(email)
	if got := s.path(); got != path {
		k.t.Fatalf("signed in to %s but landed on %s", path, got)
	}
	return s
}

// look audits the page and saves its screenshot at the desktop's width, then at the
// phone's, where nothing may spill sideways; the tab is left at the phone's width.
func (s *screen) look(dir, name string) {
	s.T.Helper()
	s.Do(chromedp.EmulateViewport(deskWidth, 900))
	s.Audit(name + " at 1280 px")
	s.Screenshot(dir, name+"-1280")
	s.Do(chromedp.EmulateViewport(phoneWidth, 900))
	s.Audit(name + " at 360 px")
	s.fitsPhone(name)
	s.phoneShot(dir, name+"-360")
}

// phoneShot saves the whole page at the phone's width, top to bottom, so a person
// sees every row as it wraps; the viewport is the phone's again after.
func (s *screen) phoneShot(dir, name string) {
	s.T.Helper()
	var high int64
	s.Eval(`Math.min(document.documentElement.scrollHeight, 6000)`, &high)
	s.Do(chromedp.EmulateViewport(phoneWidth, max(high, 900)))
	s.Screenshot(dir, name)
	s.Do(chromedp.EmulateViewport(phoneWidth, 900))
}

// fitsPhone fails the test when the page scrolls sideways at the phone's width, and
// names the widest elements, which is what a person fixing it needs.
func (s *screen) fitsPhone(name string) {
	s.T.Helper()
	var wide int
	s.Eval(`document.documentElement.scrollWidth`, &wide)
	if wide <= phoneWidth {
		return
	}
	var culprits []string
	s.Eval(fmt.Sprintf(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > %d)
		.slice(0, 8).map((e) => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`,
		phoneWidth), &culprits)
	s.T.Errorf("%s scrolls sideways at %d px: %d px wide; %v", name, phoneWidth, wide, culprits)
}

// focus puts the keyboard focus on the first element matching selector, as a person
// tabbing to it does, and checks it took the focus.
func (s *screen) focus(selector string) {
	s.T.Helper()
	var ok bool
	s.Eval(fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (!el) return false;
		el.scrollIntoView({block: 'center'}); el.focus(); return document.activeElement === el; })()`, selector), &ok)
	if !ok {
		s.T.Fatalf("cannot focus %s", selector)
	}
}

// focused is a short description of the element holding the keyboard focus.
func (s *screen) focused() string {
	return s.Text(`(() => { const el = document.activeElement; return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
		(el.name ? '[' + el.name + ']' : '') + ' ' + el.textContent.trim(); })()`)
}

// tab presses Tab and checks the focus moved onto what want describes (an element
// description as focused gives, by prefix).
func (s *screen) tab(want string) {
	s.T.Helper()
	s.Key(kb.Tab)
	if got := s.focused(); len(got) < len(want) || got[:len(want)] != want {
		s.T.Fatalf("Tab moved the focus to %q, want %q", got, want)
	}
}

// typeKeys types text key by key into the focused field.
func (s *screen) typeKeys(text string) {
	s.T.Helper()
	s.Do(chromedp.KeyEvent(text))
}

// enter presses Enter, which submits the form the focus is in.
func (s *screen) enter() { s.T.Helper(); s.Key(kb.Enter) }

// value is the value of the document's element with id.
func (s *screen) value(id string) string {
	return s.Text(fmt.Sprintf(`document.getElementById(%q).value`, id))
}
