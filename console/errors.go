package console

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// errorView is the page of a refusal or failure.
type errorView struct {
	Frame
	Message string
	Back    string
}

func itoa(n int) string { return strconv.Itoa(n) }

// errorPage draws the message key as a page of its own with status.
func (c *Console) errorPage(fc *fiber.Ctx, status int, key string) error {
	lang := c.lang(fc, "")
	v := errorView{Frame: c.frame(fc, lang, T(lang, "error.title"), ""), Message: T(lang, key), Back: "/console"}
	if ref := fc.Get(fiber.HeaderReferer); ref != "" {
		v.Back = safeNext(pathOf(ref))
	}
	return c.render(fc, status, "error", v)
}

func (c *Console) forbidden(fc *fiber.Ctx, w Who) error {
	fc.Locals(staffKey, w)
	return c.errorPage(fc, fiber.StatusForbidden, "error.forbidden")
}

// badCSRF refuses a POST whose form this session did not render lately (an expired
// tab, or another site posting into the console).
func (c *Console) badCSRF(fc *fiber.Ctx, w Who) error {
	fc.Locals(staffKey, w)
	return c.errorPage(fc, fiber.StatusForbidden, "error.csrf")
}

func (c *Console) notFound(fc *fiber.Ctx) error {
	return c.errorPage(fc, fiber.StatusNotFound, "error.not_found")
}

// fail answers a service's error on a page: refusals as their own page with a 4xx,
// anything else logged and shown as a 500 that names nothing internal.
func (c *Console) fail(fc *fiber.Ctx, err error) error {
	var fe *fault.Error
	if !errors.As(err, &fe) {
		c.opts.Log.ErrorContext(fc.UserContext(), "console", "path", fc.Path(), "err", err)
		return c.errorPage(fc, fiber.StatusInternalServerError, "error.server")
	}
	switch fe.Kind {
	case fault.NotFound:
		return c.notFound(fc)
	case fault.Forbidden:
		return c.errorPage(fc, fiber.StatusForbidden, "error.forbidden")
	case fault.Unavailable, fault.Upstream:
		return c.errorPage(fc, fiber.StatusServiceUnavailable, "error.server")
	}
	lang := c.lang(fc, "")
	v := errorView{Frame: c.frame(fc, lang, T(lang, "error.title"), ""), Message: refusalText(lang, fe), Back: "/console"}
	return c.render(fc, statusOf(fe.Kind), "error", v)
}

func statusOf(k fault.Kind) int {
	switch k {
	case fault.Conflict:
		return fiber.StatusConflict
	case fault.Gone:
		return fiber.StatusGone
	case fault.TooManyRequests:
		return fiber.StatusTooManyRequests
	}
	return fiber.StatusUnprocessableEntity
}

// refusalText says what was refused: each field by name with what is wrong with it,
// else the refusal's own words.
func refusalText(lang string, fe *fault.Error) string {
	if len(fe.Fields) == 0 {
		return problemText(lang, fe)
	}
	parts := make([]string, len(fe.Fields))
	for i, f := range fe.Fields {
		parts[i] = f.Field + ": " + fieldText(lang, f)
	}
	return strings.Join(parts, "; ")
}
