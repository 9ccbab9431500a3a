package telephony

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// zadarmaEcho answers the check Zadarma makes when the URL is saved in its cabinet: it
// GETs ?zd_echo=… and wants the value back as is.
func (h *Handler) zadarmaEcho(c *fiber.Ctx) error {
	if _, err := h.line(c, Zadarma); err != nil {
		return err
	}
	echo := c.Query("zd_echo")
	switch {
	case echo == "":
		return fault.Field("zd_echo", "required", "is required")
	case len(echo) > 200:
		return fault.Field("zd_echo", "max", "is too long")
	case !clean(echo):
		return fault.Field("zd_echo", "control_character", "must not hold control characters or invalid UTF-8")
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
	return c.SendString(echo)
}

// zadarma takes one PBX notification. A notification Frontdesk does not read is
// acknowledged without a look at its signature (nothing of it is kept); NOTIFY_START is
// answered with the caller's name, which Zadarma shows on the desk phone.
func (h *Handler) zadarma(c *fiber.Ctx) error {
	l, err := h.line(c, Zadarma)
	if err != nil {
		return err
	}
	form, err := readForm(c.Get(fiber.HeaderContentType), c.Body())
	if err != nil {
		return err
	}
	if err := required(form, "event"); err != nil || !zadarmaKnown(form.Get("event")) {
		return zadarmaIgnored(c, err)
	}
	if err := zadarmaVerify(form, c.Get("Signature"), l.Secret); err != nil {
		return err
	}
	ctx := httpjson.Ctx(c)
	sig, err := parseZadarma(form, zone(l.TimeZone))
	if err != nil {
		return err
	}
	if err := h.s.Accept(ctx, l, c.Body(), sig); err != nil {
		return err
	}
	return h.zadarmaReply(c, l, sig)
}

// zadarmaIgnored answers a notification without an event as bad input and one of an
// event Frontdesk does not read with an empty object, so Zadarma does not retry it.
func zadarmaIgnored(c *fiber.Ctx, missing error) error {
	if missing != nil {
		return missing
	}
	return c.JSON(fiber.Map{})
}

// zadarmaReply names the caller to Zadarma on NOTIFY_START; a new caller gets no name.
func (h *Handler) zadarmaReply(c *fiber.Ctx, l Line, sig Signal) error {
	if sig.Event != "NOTIFY_START" {
		return c.JSON(fiber.Map{})
	}
	name, err := h.s.CallerName(httpjson.Ctx(c), l, sig.From)
	// a failed lookup costs only the name: the event is stored and the phone rings
	if err != nil || name == "" {
		return c.JSON(fiber.Map{})
	}
	return c.JSON(fiber.Map{"caller_name": name})
}
