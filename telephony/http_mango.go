package telephony

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// mango takes one of Mango Office's events. Every kind is signed the same way, so the
// signature is checked before the kind; kinds Frontdesk does not read (recording,
// dtmf, sms…) are acknowledged and dropped. Mango wants a bare 200.
func (h *Handler) mango(c *fiber.Ctx) error {
	l, err := h.line(c, Mango)
	if err != nil {
		return err
	}
	form, err := readForm(c.Get(fiber.HeaderContentType), c.Body())
	if err != nil {
		return err
	}
	if err := required(form, "vpbx_api_key", "sign", "json"); err != nil {
		return err
	}
	if err := mangoVerify(form, l); err != nil {
		return err
	}
	sigs, err := mangoSignals(c.Params("kind"), form)
	if err != nil {
		return err
	}
	if len(sigs) > 0 {
		if err := h.s.Accept(httpjson.Ctx(c), l, c.Body(), sigs...); err != nil {
			return err
		}
	}
	return c.SendStatus(fiber.StatusOK)
}

// mangoSignals reads the events of the kinds Frontdesk follows; none for the others.
func mangoSignals(kind string, form url.Values) ([]Signal, error) {
	switch kind {
	case "call":
		sig, err := parseMangoCall(form.Get("json"))
		return []Signal{sig}, err
	case "summary":
		return parseMangoSummary(form.Get("json"))
	}
	return nil, nil
}
