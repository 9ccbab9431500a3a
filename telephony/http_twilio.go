package telephony

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// twilioEmptyTwiML answers the <Dial> action with nothing more to do: the call goes on
// (or ends) as the clinic's own TwiML says, not as we say.
const twilioEmptyTwiML = `<?xml version="1.0" encoding="UTF-8"?><Response/>`

// errTwilioKind answers a webhook kind Twilio is never told to post to.
var errTwilioKind = fault.New(fault.NotFound, "not_found", "a Twilio line takes only status and dial webhooks")

// twilio takes one Twilio Voice webhook: kind status (the call's status callback) or
// dial (the <Dial> verb's action URL).
func (h *Handler) twilio(c *fiber.Ctx) error {
	kind := c.Params("kind")
	if kind != "status" && kind != "dial" {
		return errTwilioKind
	}
	l, err := h.line(c, Twilio)
	if err != nil {
		return err
	}
	form, err := h.twilioForm(c, l)
	if err != nil {
		return err
	}
	sigs, err := h.twilioSignals(kind, form)
	if err != nil {
		return err
	}
	if err := h.s.Accept(httpjson.Ctx(c), l, c.Body(), sigs...); err != nil {
		return err
	}
	if kind == "dial" {
		c.Set(fiber.HeaderContentType, fiber.MIMETextXML)
		return c.SendString(twilioEmptyTwiML)
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// twilioForm checks X-Twilio-Signature with the line's auth token over the URL Twilio
// called (our public address, as it was told) and the posted form, before anything in
// the body is looked at, so a forged request learns nothing and leaves nothing.
func (h *Handler) twilioForm(c *fiber.Ctx, l Line) (url.Values, error) {
	signed, err := url.ParseQuery(string(c.Body()))
	if err != nil {
		signed = nil
	}
	if !messaging.ValidTwilioSignature(l.Secret, h.publicURL+c.OriginalURL(), signed, c.Get("X-Twilio-Signature")) {
		return nil, ErrBadSignature
	}
	ct := c.Get(fiber.HeaderContentType)
	if !strings.HasPrefix(ct, fiber.MIMEApplicationForm) {
		return nil, fault.Field("body", "content_type", "Twilio posts application/x-www-form-urlencoded")
	}
	return readForm(ct, c.Body())
}

func (h *Handler) twilioSignals(kind string, form url.Values) ([]Signal, error) {
	if kind == "dial" {
		return parseTwilioDial(form, h.s.clock())
	}
	sig, err := parseTwilioStatus(form)
	if err != nil {
		return nil, err
	}
	return []Signal{sig}, nil
}
