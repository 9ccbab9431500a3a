package widget

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// publicPrefix is the public API's path; only it answers cross-origin calls.
const publicPrefix = "/api/v1/public/"

// Preflight answers: what the widget sends, and how long a browser may remember it.
const (
	allowMethods  = "GET, POST"
	allowHeaders  = "Content-Type, Idempotency-Key, X-Request-ID"
	exposeHeaders = "Retry-After, X-Request-ID"
	preflightAge  = "600"
)

// CORS answers cross-origin calls to the public API. A call from an origin that the
// branch named by the request lists (see requestBranch) gets Access-Control-Allow-Origin
// with that exact origin; in demo mode the server's own origin is allowed too. Any other
// origin gets no CORS headers at all, so the browser keeps the answer from the page.
// Preflights (OPTIONS) are answered here with 204 either way.
func (h *Handler) CORS(demo bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if !strings.HasPrefix(c.Path(), publicPrefix) {
			return c.Next()
		}
		// Every public answer varies by Origin, also one to a call without it: a shared
		// cache must not hand an answer without CORS headers to a website's call.
		c.Vary(fiber.HeaderOrigin)
		origin := c.Get(fiber.HeaderOrigin)
		if origin == "" {
			return c.Next()
		}
		allowed, err := h.originAllowed(c, origin, demo)
		if err != nil {
			return err
		}
		preflight := c.Method() == fiber.MethodOptions
		if allowed {
			c.Set(fiber.HeaderAccessControlAllowOrigin, origin)
			c.Set(fiber.HeaderAccessControlExposeHeaders, exposeHeaders)
		}
		if !preflight {
			return c.Next()
		}
		if allowed {
			c.Set(fiber.HeaderAccessControlAllowMethods, allowMethods)
			c.Set(fiber.HeaderAccessControlAllowHeaders, allowHeaders)
			c.Set(fiber.HeaderAccessControlMaxAge, preflightAge)
		}
		return c.SendStatus(fiber.StatusNoContent)
	}
}

func (h *Handler) originAllowed(c *fiber.Ctx, origin string, demo bool) (bool, error) {
	if demo && origin == c.BaseURL() {
		return true, nil
	}
	branchID, err := h.requestBranch(c)
	if err != nil || branchID == "" {
		return false, err
	}
	return h.s.AllowsOrigin(c.UserContext(), branchID, origin)
}

// requestBranch is the branch a public call is about: ?branch_id= (availability, and
// holds, whose body a preflight cannot show), the catalog's path, or the hold in the
// path of verify and resend. Calls that name none (the manage-visit page's, which is
// served by this server) get no CORS headers.
func (h *Handler) requestBranch(c *fiber.Ctx) (string, error) {
	if id := c.Query("branch_id"); id != "" {
		return id, nil
	}
	parts := strings.Split(strings.TrimPrefix(c.Path(), publicPrefix), "/")
	if len(parts) < 2 {
		return "", nil
	}
	switch parts[0] {
	case "branches":
		return parts[1], nil
	case "holds":
		return h.s.HoldBranch(c.UserContext(), parts[1])
	}
	return "", nil
}
