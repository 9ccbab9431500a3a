package console_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Each role lands on its own screen after signing in, with a session cookie that
// scripts cannot read and other sites' forms do not carry.
func TestSignInLandsEachRoleOnItsScreen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		b := k.branch("pl")
		for role, want := range map[actor.Role]string{actor.Admin: "/console/today", actor.Owner: "/console/today",
			actor.Doctor: "/console/my-day", actor.Nurse: "/console/supplies"} {
			dk := k.desk()
			r := dk.signIn(k.staffMember(role, b.ID))
			cookie := r.Header.Get("Set-Cookie")
			for _, part := range []string{"fd_console=", "HttpOnly", "SameSite=Lax"} {
				if !strings.Contains(cookie, part) {
					t.Errorf("%s: session cookie %q lacks %s", role, cookie, part)
				}
			}
			if land := dk.get(r.Location); land.Status != http.StatusSeeOther || land.Location != want {
				t.Errorf("%s lands on %d %q, want %s", role, land.Status, land.Location, want)
			}
		}
	})
}

// A wrong password is the form again, in the browser's language, with the field
// marked and nothing else said about which part was wrong.
func TestWrongPasswordRedrawsTheFormWithTheFieldMarked(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		email := k.staffMember(actor.Admin)
		dk := k.desk()
		req, _ := http.NewRequest(http.MethodGet, k.base+"/console/login", nil)
		req.Header.Set("Accept-Language", "pl-PL,pl;q=0.9")
		form := dk.do(req)
		r := dk.post("/console/login?locale=pl", url.Values{"_csrf": {form.csrf(t)}, "email": {email}, "password": {"nope"}})
		if r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, `aria-invalid="true"`) ||
			!strings.Contains(r.Body, "Błędny e-mail lub hasło.") || !strings.Contains(r.Body, `value="`+email+`"`) {
			t.Fatalf("wrong password: %d\n%s", r.Status, r.Body)
		}
		empty := dk.post("/console/login", url.Values{"_csrf": {form.csrf(t)}})
		if empty.Status != http.StatusUnprocessableEntity || strings.Count(empty.Body, `aria-invalid="true"`) != 2 {
			t.Errorf("empty sign-in: %d, want 422 with both fields marked", empty.Status)
		}
		forged := dk.post("/console/login", url.Values{"email": {email}, "password": {apitest.Password}})
		if forged.Status != http.StatusForbidden || forged.Header.Get("Set-Cookie") != "" {
			t.Errorf("a sign-in form without its nonce: %d, cookie %q", forged.Status, forged.Header.Get("Set-Cookie"))
		}
	})
}

// Every POST needs the token its page carried: without it, or with another
// session's, nothing happens and the answer is 403.
func TestPostsWithoutTheCSRFTokenAreRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		b := k.branch("en")
		one, other := k.desk(), k.desk()
		one.signIn(k.staffMember(actor.Admin, b.ID))
		other.signIn(k.staffMember(actor.Admin, b.ID))
		theirs := other.get("/console/error-check-missing").csrf(t)
		for name, form := range map[string]url.Values{"none": {"locale": {"sv"}}, "another session's": {"locale": {"sv"}, "_csrf": {theirs}}} {
			if r := one.post("/console/locale", form); r.Status != http.StatusForbidden {
				t.Errorf("%s token: %d, want 403", name, r.Status)
			}
		}
		if page := one.get("/console/error-check-missing"); strings.Contains(page.Body, `lang="sv"`) {
			t.Error("a refused POST changed the language")
		}
		ok := one.postFrom("/console/error-check-missing", "/console/locale", url.Values{"locale": {"sv"}, "next": {"/console/x"}})
		if ok.Status != http.StatusSeeOther || ok.Location != "/console/x" {
			t.Fatalf("with its token: %d %q", ok.Status, ok.Location)
		}
		if page := one.get("/console/error-check-missing"); !strings.Contains(page.Body, `lang="sv"`) {
			t.Error("the chosen language is not used")
		}
	})
}

// A session ends with its sign-in token: the next page asks to sign in again and
// comes back where the staff member was; signing out ends it at once.
func TestSessionExpiryAndSignOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, k.branch("en").ID))
		k.e.Clock.Advance(13 * time.Hour)
		r := dk.get("/console/today?x=1")
		if r.Status != http.StatusSeeOther || r.Location != "/console/login?next="+url.QueryEscape("/console/today?x=1") {
			t.Fatalf("expired session: %d %q", r.Status, r.Location)
		}
		if login := dk.get(r.Location); !strings.Contains(login.Body, "session has ended") {
			t.Error("the sign-in page does not say the session ended")
		}
		dk.signIn(k.staffMember(actor.Admin))
		out := dk.postFrom("/console/error-check-missing", "/console/logout", nil)
		if out.Status != http.StatusSeeOther {
			t.Fatalf("sign out: %d", out.Status)
		}
		if again := dk.get("/console"); again.Status != http.StatusSeeOther || !strings.HasPrefix(again.Location, "/console/login") {
			t.Errorf("after sign-out: %d %q", again.Status, again.Location)
		}
	})
}

// Console pages carry a strict Content-Security-Policy naming their own nonce.
func TestPagesCarryANonceCSP(t *testing.T) {
	k := newKit(t, dbtest.New(t))
	p := k.desk().get("/console/login")
	csp := p.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'nonce-") || strings.Contains(csp, "unsafe") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP %q", csp)
	}
}

// A language the console does not speak is refused with the field named, and the
// staff member's choice stays as it was.
func TestUnknownLocaleIsRefusedNamingTheField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, k.branch("en").ID))
		r := dk.postFrom("/console/error-check-missing", "/console/locale", url.Values{"locale": {"xx"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "locale: ") {
			t.Fatalf("unknown locale: %d\n%s", r.Status, r.Body)
		}
		if page := dk.get("/console/error-check-missing"); !strings.Contains(page.Body, `lang="en"`) {
			t.Error("a refused language changed the page's language")
		}
	})
}
