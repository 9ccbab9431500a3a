package telephony

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// generic takes one event of the generic ("bring your own PBX") webhook: the token in
// the path is the credential.
func (h *Handler) generic(c *fiber.Ctx) error {
	l, err := h.line(c, Generic)
	if err != nil {
		return err
	}
	form, err := readForm(c.Get(fiber.HeaderContentType), c.Body())
	if err != nil {
		return err
	}
	sig, err := parseGeneric(form)
	if err != nil {
		return err
	}
	if err := h.s.Accept(httpjson.Ctx(c), l, c.Body(), sig); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"accepted": true})
}
