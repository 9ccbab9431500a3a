package console_test

import (
	"time"

	"testing"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// In a real browser: the sign-in form at phone width passes axe, a wrong password
// comes back with the field marked, and the right one lands the admin on Today.
func TestBrowserSignIn(t *testing.T) {
	k := newKit(t, dbtest.New(t))
	email := k.staffMember(actor.Admin, k.branch("en").ID)
	s := k.open("/console/login", 360)
	s.Audit("sign-in")
	s.shot(browsertest.ScreenshotDir(t), "signin-360")
	s.Fill("f-email", email)
	s.Fill("f-password", "wrong-password")
	s.Click("button[type=submit]", "")
	s.WaitFor(`document.querySelector('[aria-invalid=true]')`, 10*time.Second)
	s.wantText("The e-mail or password is wrong.")
	s.Audit("sign-in with a marked field")
	s.signIn(email)
	if got := s.path(); got != "/console/today" {
		t.Errorf("the admin landed on %s", got)
	}
}
