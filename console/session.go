package console

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/actor"
)

// sessionCookie holds the staff sign-in token: the console's session is the API's
// token, so lockout, expiry, revocation and audit are the same for both.
const sessionCookie = "fd_console"

// csrfField is the hidden field every console form carries.
const csrfField = "_csrf"

// staffKey is where the signed-in staff member is kept on a request.
const staffKey = "console.staff"

// Who is the signed-in staff member of a console request.
type Who struct {
	Actor actor.Actor
	Token string
	Name  string
	// Locale is the staff member's own choice, "" for the branch's.
	Locale string
}

// Is reports whether the staff member has one of roles.
func (w Who) Is(roles ...actor.Role) bool { return slices.Contains(roles, w.Actor.Role) }

func (c *Console) setSession(fc *fiber.Ctx, token string, expires time.Time) {
	fc.Cookie(&fiber.Cookie{Name: sessionCookie, Value: token, Path: "/", Expires: expires,
		HTTPOnly: true, Secure: c.secure(fc), SameSite: fiber.CookieSameSiteLaxMode})
}

func (c *Console) clearSession(fc *fiber.Ctx) {
	fc.Cookie(&fiber.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HTTPOnly: true, Secure: c.secure(fc), SameSite: fiber.CookieSameSiteLaxMode})
}

// secure marks the cookie Secure behind TLS: the request came over https or the
// clinic serves Frontdesk at an https address (a proxy ends TLS in front of us).
func (c *Console) secure(fc *fiber.Ctx) bool {
	return fc.Protocol() == "https" || strings.HasPrefix(c.opts.PublicURL, "https://")
}

// staffOnly lets through signed-in staff of the given roles (any role when none is
// named) and checks the CSRF token of every POST. Without a live session a page
// goes to the sign-in form and comes back after; a script's request gets 401.
func (c *Console) staffOnly(roles ...actor.Role) fiber.Handler {
	return func(fc *fiber.Ctx) error {
		who, err := c.authenticate(fc)
		if err != nil {
			return c.toSignIn(fc)
		}
		if len(roles) > 0 && !who.Is(roles...) {
			return c.forbidden(fc, who)
		}
		if fc.Method() == fiber.MethodPost && !c.csrf.Valid(who.Token, fc.FormValue(csrfField), c.opts.Now()) {
			return c.badCSRF(fc, who)
		}
		fc.Locals(staffKey, who)
		fc.SetUserContext(actor.With(fc.UserContext(), who.Actor))
		return fc.Next()
	}
}

func (c *Console) authenticate(fc *fiber.Ctx) (Who, error) {
	token := fc.Cookies(sessionCookie)
	if token == "" {
		return Who{}, fiber.ErrUnauthorized
	}
	ctx := fc.UserContext()
	a, err := c.svc.Staff.Authenticate(ctx, token)
	if err != nil {
		return Who{}, err
	}
	s, err := c.svc.Staff.Get(ctx, a.StaffID)
	if err != nil {
		return Who{}, err
	}
	locale, err := c.svc.Staff.Locale(ctx, a.StaffID)
	if err != nil {
		return Who{}, err
	}
	return Who{Actor: a, Token: token, Name: s.Name, Locale: locale}, nil
}

// who is the signed-in staff member staffOnly let through.
func who(fc *fiber.Ctx) Who {
	w, _ := fc.Locals(staffKey).(Who)
	return w
}

// scripted reports whether the console's script sent the request (it asks for
// fragments and follows answers itself).
func scripted(fc *fiber.Ctx) bool { return fc.Get("X-Console") != "" }

func (c *Console) toSignIn(fc *fiber.Ctx) error {
	if scripted(fc) {
		return fc.SendStatus(fiber.StatusUnauthorized)
	}
	next := fc.OriginalURL()
	if fc.Method() != fiber.MethodGet {
		next = fc.Get(fiber.HeaderReferer, "/console")
		if u, err := url.Parse(next); err == nil {
			next = u.RequestURI()
		}
	}
	return fc.Redirect("/console/login?next="+url.QueryEscape(next), fiber.StatusSeeOther)
}

// safeNext keeps a sign-in's way back on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/console") || strings.HasPrefix(next, "//") {
		return "/console"
	}
	return next
}

// CSRF is the token a form rendered for this session carries.
func (c *Console) CSRF(w Who) string { return c.csrf.Make(w.Token, c.opts.Now()) }
