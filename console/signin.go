package console

import (
	"errors"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
	"github.com/frontdeskhq/frontdesk/staff"
)

// signInView is the sign-in page.
type signInView struct {
	Frame
	Form  Form
	Next  string
	Login string
}

func (c *Console) signInRoutes(r fiber.Router) {
	r.Get("/console/login", c.signInPage)
	r.Post("/console/login", c.signIn)
	r.Post("/console/logout", c.staffOnly(), c.signOut)
	r.Post("/console/locale", c.staffOnly(), c.chooseLocale)
	r.Get("/console", c.staffOnly(), c.landing)
}

// landing sends each role to its own screen: the front desk and the owner to today's
// chairs, a doctor to their day, the head nurse to the supplies.
func (c *Console) landing(fc *fiber.Ctx) error {
	switch who(fc).Actor.Role {
	case actor.Doctor:
		return fc.Redirect("/console/my-day", fiber.StatusSeeOther)
	case actor.Nurse:
		return fc.Redirect("/console/supplies", fiber.StatusSeeOther)
	}
	return fc.Redirect("/console/today", fiber.StatusSeeOther)
}

// loginLang is the sign-in page's language: the browser's, since nobody is known yet.
func loginLang(fc *fiber.Ctx) string {
	if l := fc.Query("locale"); l != "" && slices.Contains(Langs, l) {
		return l
	}
	return patientpage.AcceptLocale(fc.Get(fiber.HeaderAcceptLanguage), Langs)
}

func (c *Console) signInPage(fc *fiber.Ctx) error {
	lang := loginLang(fc)
	v := signInView{Frame: c.frame(fc, lang, T(lang, "signin.title"), ""), Form: NewForm(nil), Next: safeNext(fc.Query("next"))}
	if _, err := c.authenticate(fc); err != nil && fc.Cookies(sessionCookie) != "" {
		v.Notice = T(lang, "signin.expired")
	}
	v.Login = c.csrf.Make("login", c.opts.Now())
	return c.render(fc, fiber.StatusOK, "login", v)
}

// signIn opens a session with the API's own sign-in, so lockout and the audit of
// sign-ins are the same; the form carries a nonce so no other site can sign a
// browser into an account of its choosing.
func (c *Console) signIn(fc *fiber.Ctx) error {
	lang := loginLang(fc)
	v := signInView{Frame: c.frame(fc, lang, T(lang, "signin.title"), ""), Form: formFrom(fc, "email"),
		Next: safeNext(fc.FormValue("next"))}
	v.Login = c.csrf.Make("login", c.opts.Now())
	if !c.csrf.Valid("login", fc.FormValue(csrfField), c.opts.Now()) {
		v.Form.Problem = T(lang, "error.csrf")
		return c.render(fc, fiber.StatusForbidden, "login", v)
	}
	email, password := strings.TrimSpace(fc.FormValue("email")), fc.FormValue("password")
	if email == "" {
		v.Form.Mark(lang, "email", "field.required")
	}
	if password == "" {
		v.Form.Mark(lang, "password", "field.required")
	}
	if v.Form.Invalid() {
		return c.render(fc, fiber.StatusUnprocessableEntity, "login", v)
	}
	s, err := c.svc.Staff.Login(fc.UserContext(), email, password, fc.IP())
	if err != nil {
		return c.refusedSignIn(fc, v, err)
	}
	c.setSession(fc, s.Token, s.ExpiresAt)
	return fc.Redirect(v.Next, fiber.StatusSeeOther)
}

func (c *Console) refusedSignIn(fc *fiber.Ctx, v signInView, err error) error {
	var fe *fault.Error
	if !errors.As(err, &fe) {
		return err
	}
	status := fiber.StatusUnauthorized
	if fe.Kind == fault.TooManyRequests {
		status = fiber.StatusTooManyRequests
		v.Form.Mark(v.Lang, "email", "field.throttled", "minutes", (fe.RetryAfter+59)/60)
		fc.Set(fiber.HeaderRetryAfter, itoa(fe.RetryAfter))
	} else {
		v.Form.Mark(v.Lang, "email", "field.bad_credentials")
	}
	return c.render(fc, status, "login", v)
}

func (c *Console) signOut(fc *fiber.Ctx) error {
	if err := c.svc.Staff.Logout(fc.UserContext(), who(fc).Token); err != nil && !errors.Is(err, staff.ErrTokenInvalid) {
		return err
	}
	c.clearSession(fc)
	return fc.Redirect("/console/login", fiber.StatusSeeOther)
}

// chooseLocale records the staff member's language ("" for the branch's) and goes
// back to the page the switch was on.
func (c *Console) chooseLocale(fc *fiber.Ctx) error {
	if err := c.svc.Staff.SetLocale(fc.UserContext(), who(fc).Actor.StaffID, fc.FormValue("locale")); err != nil {
		return c.fail(fc, err)
	}
	return fc.Redirect(safeNext(fc.FormValue("next")), fiber.StatusSeeOther)
}
