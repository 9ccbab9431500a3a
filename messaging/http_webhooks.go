package messaging

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// WebhookOptions are the secrets webhooks are verified with, besides those of the
// branches' enabled channels (branch_channels).
type WebhookOptions struct {
	// PublicURL is the address providers call us at: Twilio signs the full URL.
	PublicURL string
	// GenericSecret keys X-Frontdesk-Signature of the generic webhook; empty refuses all.
	GenericSecret string
	// TwilioAuthTokens, WhatsAppAppSecrets and WhatsAppVerifyTokens are instance-wide
	// secrets for accounts configured outside branch_channels.
	TwilioAuthTokens     []string
	WhatsAppAppSecrets   []string
	WhatsAppVerifyTokens []string
}

// WebhookHandler receives providers' inbound messages and delivery reports.
type WebhookHandler struct {
	in  *Inbox
	opt WebhookOptions
}

// NewWebhookHandler returns the webhook endpoints over in.
func NewWebhookHandler(in *Inbox, opt WebhookOptions) *WebhookHandler {
	opt.PublicURL = strings.TrimRight(opt.PublicURL, "/")
	return &WebhookHandler{in: in, opt: opt}
}

// Routes mounts the webhooks (public: each request proves itself by its signature).
func (h *WebhookHandler) Routes(r fiber.Router) {
	r.Post("/api/v1/webhooks/twilio/sms", h.twilioSMS)
	r.Post("/api/v1/webhooks/twilio/status", h.twilioStatus)
	r.Get("/api/v1/webhooks/whatsapp", h.whatsAppVerify)
	r.Post("/api/v1/webhooks/whatsapp", h.whatsApp)
	r.Post("/api/v1/webhooks/generic", h.generic)
}

// errMalformed answers a body that cannot be read as the provider's format.
func errMalformed(field, message string) error { return fault.Field(field, "malformed", message) }

// twilioForm reads and verifies a Twilio webhook: the signature first (403 and
// nothing stored), then the form.
func (h *WebhookHandler) twilioForm(c *fiber.Ctx) (url.Values, error) {
	form, err := url.ParseQuery(string(c.Body()))
	if err != nil {
		form = nil
	}
	tokens, err := h.in.secrets(httpjson.Ctx(c), ProviderTwilio, "auth_token", h.opt.TwilioAuthTokens)
	if err != nil {
		return nil, err
	}
	full := h.opt.PublicURL + c.OriginalURL()
	sig := c.Get("X-Twilio-Signature")
	for _, token := range tokens {
		if ValidTwilioSignature(token, full, form, sig) {
			if !strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEApplicationForm) || form == nil {
				return nil, errMalformed("body", "must be application/x-www-form-urlencoded")
			}
			return form, nil
		}
	}
	return nil, ErrBadSignature
}

// emptyTwiML answers Twilio with nothing to say: we never auto-reply "invalid response".
const emptyTwiML = `<?xml version="1.0" encoding="UTF-8"?><Response/>`

func (h *WebhookHandler) twilioSMS(c *fiber.Ctx) error {
	form, err := h.twilioForm(c)
	if err != nil {
		return err
	}
	if form.Get("MessageSid") == "" || form.Get("From") == "" {
		return errMalformed("MessageSid", "MessageSid and From are required")
	}
	medium := SMS
	if strings.HasPrefix(form.Get("From"), "whatsapp:") {
		medium = WhatsApp
	}
	err = h.in.Receive(httpjson.Ctx(c), Inbound{Medium: medium, Provider: ProviderTwilio, ProviderID: form.Get("MessageSid"),
		From: form.Get("From"), To: form.Get("To"), Body: form.Get("Body"), Payload: form.Get("ButtonPayload")})
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/xml; charset=utf-8")
	return c.SendString(emptyTwiML)
}

func (h *WebhookHandler) twilioStatus(c *fiber.Ctx) error {
	form, err := h.twilioForm(c)
	if err != nil {
		return err
	}
	status := form.Get("MessageStatus")
	if status == "" {
		status = form.Get("SmsStatus")
	}
	if form.Get("MessageSid") == "" || status == "" {
		return errMalformed("MessageSid", "MessageSid and MessageStatus are required")
	}
	err = h.in.Report(httpjson.Ctx(c), StatusReport{ProviderID: form.Get("MessageSid"), OutboxID: c.Query("o"),
		Status: status, ErrorCode: form.Get("ErrorCode")})
	if err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
