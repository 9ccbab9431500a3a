package messaging

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// WhatsAppConfig is a WhatsApp Business Cloud API sender.
type WhatsAppConfig struct {
	// BaseURL is https://graph.facebook.com; Version the Graph API version (v21.0).
	BaseURL       string
	Version       string
	PhoneNumberID string
	Token         string
	// Templates maps our template names to the approved WhatsApp templates that may be
	// sent outside the 24-hour window (reminders); their body parameters are our
	// template's fields in alphabetical order of name.
	Templates map[string]string
	Client    *http.Client
}

// WhatsAppChannel sends through the WhatsApp Business Cloud API.
type WhatsAppChannel struct{ cfg WhatsAppConfig }

// NewWhatsAppChannel returns a WhatsApp channel over cfg.
func NewWhatsAppChannel(cfg WhatsAppConfig) *WhatsAppChannel {
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.Version == "" {
		cfg.Version = "v21.0"
	}
	return &WhatsAppChannel{cfg: cfg}
}

// Name is "whatsapp".
func (c *WhatsAppChannel) Name() string { return "whatsapp" }

// errOutsideWindow: WhatsApp takes free text only within 24 hours of the patient's
// last message, and this text has no approved template; the next channel takes it.
var errOutsideWindow = Permanent(errors.New("whatsapp: outside the 24-hour window and no approved template"))

// Send posts a text inside the window and an approved template outside it. The outbox
// key travels as biz_opaque_callback_data, so status webhooks name our row.
func (c *WhatsAppChannel) Send(ctx context.Context, m Outgoing) (string, error) {
	payload := map[string]any{"messaging_product": "whatsapp", "recipient_type": "individual",
		"to": strings.TrimPrefix(m.Recipient, "+"), "biz_opaque_callback_data": m.DedupeKey}
	if name, ok := c.cfg.Templates[m.Template]; ok && !m.InWindow {
		payload["type"] = "template"
		payload["template"] = whatsAppTemplate(name, m)
	} else if m.InWindow {
		payload["type"] = "text"
		payload["text"] = map[string]any{"body": m.Body, "preview_url": false}
	} else {
		return "", errOutsideWindow
	}
	return c.post(ctx, payload)
}

// whatsAppTemplate is the template object: language and body parameters.
func whatsAppTemplate(name string, m Outgoing) map[string]any {
	keys := make([]string, 0, len(m.Params))
	for k := range m.Params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	params := make([]map[string]string, 0, len(keys))
	for _, k := range keys {
		params = append(params, map[string]string{"type": "text", "text": m.Params[k]})
	}
	return map[string]any{"name": name, "language": map[string]string{"code": orFallback(m.Locale)},
		"components": []map[string]any{{"type": "body", "parameters": params}}}
}

func (c *WhatsAppChannel) post(ctx context.Context, payload map[string]any) (string, error) {
	raw, err := json.Marshal(payload)
	if err != nil {
		return "", Permanent(err)
	}
	endpoint := c.cfg.BaseURL + "/" + c.cfg.Version + "/" + url.PathEscape(c.cfg.PhoneNumberID) + "/messages"
	req, err := http.NewRequest(http.MethodPost, endpoint, bytes.NewReader(raw))
	if err != nil {
		return "", Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	body, err := callProvider(ctx, c.cfg.Client, req)
	if err != nil {
		return "", err
	}
	var answer struct {
		Messages []struct {
			ID string `json:"id"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(body, &answer); err != nil || len(answer.Messages) == 0 || answer.Messages[0].ID == "" {
		return "", errNoProviderID
	}
	return answer.Messages[0].ID, nil
}
