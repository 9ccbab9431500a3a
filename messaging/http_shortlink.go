package messaging

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// shortLink sends a patient from /l/{code} on to the long link, or shows a page in
// their language when the code leads nowhere.
func (h *Handler) shortLink(c *fiber.Ctx) error {
	long, err := h.s.Expand(httpjson.Ctx(c), c.Params("code"))
	if err != nil {
		return linkPage.Send(linkPageWriter{c}, brokenLink(c.UserContext(), c.Get(fiber.HeaderAcceptLanguage), err))
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Redirect(long, fiber.StatusFound)
}

// linkPageWriter lets the patient-page kit, which imports no fiber, write the answer.
type linkPageWriter struct{ c *fiber.Ctx }

func (w linkPageWriter) Header(key, value string) { w.c.Set(key, value) }

func (w linkPageWriter) Write(status int, body []byte) error { return w.c.Status(status).Send(body) }
