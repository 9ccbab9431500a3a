package messaging

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// whatsAppVerify answers Meta's subscription check: the challenge echoed when the
// verify token is one we configured.
func (h *WebhookHandler) whatsAppVerify(c *fiber.Ctx) error {
	tokens, err := h.in.secrets(httpjson.Ctx(c), ProviderWhatsApp, "verify_token", h.opt.WhatsAppVerifyTokens)
	if err != nil {
		return err
	}
	token := c.Query("hub.verify_token")
	if c.Query("hub.mode") != "subscribe" || token == "" || !slices.Contains(tokens, token) {
		return ErrBadSignature
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
	return c.SendString(c.Query("hub.challenge"))
}

// whatsAppHook is the part of the Cloud API's webhook body we read.
type whatsAppHook struct {
	Object string `json:"object"`
	Entry  []struct {
		Changes []struct {
			Value struct {
				Metadata struct {
					PhoneNumber string `json:"display_phone_number"`
				} `json:"metadata"`
				Messages []whatsAppInbound `json:"messages"`
				Statuses []struct {
					ID     string `json:"id"`
					Status string `json:"status"`
					Errors []struct {
						Code json.Number `json:"code"`
					} `json:"errors"`
				} `json:"statuses"`
			} `json:"value"`
		} `json:"changes"`
	} `json:"entry"`
}

type whatsAppInbound struct {
	From string `json:"from"`
	ID   string `json:"id"`
	Type string `json:"type"`
	Text struct {
		Body string `json:"body"`
	} `json:"text"`
	Button struct {
		Payload string `json:"payload"`
		Text    string `json:"text"`
	} `json:"button"`
	Interactive struct {
		ButtonReply struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		} `json:"button_reply"`
	} `json:"interactive"`
}

// inbound reads a text, a template's quick-reply button or an interactive button.
func (m whatsAppInbound) inbound(to string) Inbound {
	in := Inbound{Medium: WhatsApp, Provider: ProviderWhatsApp, ProviderID: m.ID, From: m.From, To: to, Body: m.Text.Body}
	switch m.Type {
	case "button":
		in.Body, in.Payload = m.Button.Text, m.Button.Payload
	case "interactive":
		in.Body, in.Payload = m.Interactive.ButtonReply.Title, m.Interactive.ButtonReply.ID
	}
	return in
}

func (h *WebhookHandler) whatsApp(c *fiber.Ctx) error {
	secrets, err := h.in.secrets(httpjson.Ctx(c), ProviderWhatsApp, "app_secret", h.opt.WhatsAppAppSecrets)
	if err != nil {
		return err
	}
	if !anyHubSignature(secrets, c.Body(), c.Get("X-Hub-Signature-256")) {
		return ErrBadSignature
	}
	var hook whatsAppHook
	if err := json.Unmarshal(c.Body(), &hook); err != nil || hook.Object == "" {
		return errMalformed("object", "must be a WhatsApp Business Account webhook")
	}
	if err := h.deliverWhatsApp(httpjson.Ctx(c), hook); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusOK)
}

// deliverWhatsApp hands each message and status of a webhook body to the inbox.
func (h *WebhookHandler) deliverWhatsApp(ctx context.Context, hook whatsAppHook) error {
	for _, e := range hook.Entry {
		for _, ch := range e.Changes {
			for _, m := range ch.Value.Messages {
				if err := h.in.Receive(ctx, m.inbound(ch.Value.Metadata.PhoneNumber)); err != nil {
					return err
				}
			}
			for _, s := range ch.Value.Statuses {
				r := StatusReport{ProviderID: s.ID, Status: s.Status}
				if len(s.Errors) > 0 {
					r.ErrorCode = s.Errors[0].Code.String()
				}
				if err := h.in.Report(ctx, r); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func anyHubSignature(secrets []string, body []byte, got string) bool {
	for _, s := range secrets {
		if ValidHubSignature(s, body, got) {
			return true
		}
	}
	return false
}

// genericHook is the generic gateway's body: a message or a delivery report.
type genericHook struct {
	Type      string `json:"type"`
	ID        string `json:"id"`
	Medium    string `json:"medium"`
	From      string `json:"from"`
	To        string `json:"to"`
	Text      string `json:"text"`
	MessageID string `json:"message_id"`
	Status    string `json:"status"`
}

func (h *WebhookHandler) generic(c *fiber.Ctx) error {
	if !ValidHubSignature(h.opt.GenericSecret, c.Body(), c.Get("X-Frontdesk-Signature")) {
		return ErrBadSignature
	}
	var hook genericHook
	if err := json.Unmarshal(c.Body(), &hook); err != nil {
		return errMalformed("body", "must be a JSON object")
	}
	ctx := httpjson.Ctx(c)
	switch {
	case hook.Type == "message" && hook.From != "" && hook.ID != "":
		medium := hook.Medium
		if !slices.Contains(Media, medium) {
			medium = SMS
		}
		err := h.in.Receive(ctx, Inbound{Medium: medium, Provider: "generic", ProviderID: hook.ID, From: hook.From,
			To: hook.To, Body: hook.Text})
		if err != nil {
			return err
		}
	case hook.Type == "status" && hook.MessageID != "" && hook.Status != "":
		if err := h.in.Report(ctx, StatusReport{ProviderID: hook.MessageID, Status: hook.Status}); err != nil {
			return err
		}
	default:
		return errMalformed("type", "must be message (with id, from) or status (with message_id, status)")
	}
	return c.SendStatus(fiber.StatusNoContent)
}
