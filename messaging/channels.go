package messaging

import (
	"crypto/tls"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The providers a branch can choose, per medium. "log" writes the message to the log
// (the demo's channel) on any medium.
const (
	ProviderLog      = "log"
	ProviderTwilio   = "twilio"
	ProviderWhatsApp = "whatsapp_cloud"
	ProviderSMTP     = "smtp"
)

// providersFor lists the providers of each medium, with the settings each requires.
var providersFor = map[string]map[string][]string{
	SMS:      {ProviderLog: nil, ProviderTwilio: {"account_sid", "auth_token", "from"}},
	WhatsApp: {ProviderLog: nil, ProviderWhatsApp: {"phone_number_id", "token"}},
	Email:    {ProviderLog: nil, ProviderSMTP: {"host", "from"}},
}

// secretSettings are never returned in full by the API.
var secretSettings = []string{"auth_token", "token", "app_secret", "verify_token", "password"}

// BranchChannel is how one branch reaches patients on one medium.
type BranchChannel struct {
	BranchID string
	Medium   string
	Provider string
	// Settings are the provider's: base_url, account_sid, auth_token, from (twilio);
	// base_url, version, phone_number_id, token, app_secret, verify_token and
	// template.<ours>=<approved name> (whatsapp_cloud); host, port, username, password,
	// from (smtp).
	Settings  map[string]string
	Enabled   bool
	UpdatedAt time.Time
}

// ChannelEnv is what building a provider channel needs besides its settings.
type ChannelEnv struct {
	// PublicURL is where providers post status reports back.
	PublicURL string
	// HTTP is the client for provider APIs (nil: a bounded default).
	HTTP *http.Client
	// TLS configures SMTP STARTTLS (nil: system roots).
	TLS *tls.Config
}

// Build returns the channel c describes.
func (c BranchChannel) Build(env ChannelEnv) Channel {
	s := c.Settings
	switch c.Provider {
	case ProviderTwilio:
		return NewTwilioChannel(TwilioConfig{BaseURL: or(s["base_url"], "https://api.twilio.com"), AccountSID: s["account_sid"],
			AuthToken: s["auth_token"], From: s["from"], Client: env.HTTP,
			StatusCallback: strings.TrimRight(env.PublicURL, "/") + "/api/v1/webhooks/twilio/status"})
	case ProviderWhatsApp:
		return NewWhatsAppChannel(WhatsAppConfig{BaseURL: or(s["base_url"], "https://graph.facebook.com"),
			Version: s["version"], PhoneNumberID: s["phone_number_id"], Token: s["token"], Templates: c.templates(), Client: env.HTTP})
	case ProviderSMTP:
		port, _ := strconv.Atoi(s["port"])
		return NewEmailChannel(EmailConfig{Host: s["host"], Port: port, Username: s["username"], Password: s["password"],
			From: s["from"], TLS: env.TLS})
	}
	return NewLogChannel(nil)
}

// templates reads the template.<ours>=<approved> settings.
func (c BranchChannel) templates() map[string]string {
	out := map[string]string{}
	for k, v := range c.Settings {
		if name, ok := strings.CutPrefix(k, "template."); ok && v != "" {
			out[name] = v
		}
	}
	return out
}

// check names the first bad field of a channel at index i of a request.
func (c BranchChannel) check(i int) error {
	at := "channels[" + strconv.Itoa(i) + "]."
	providers, ok := providersFor[c.Medium]
	if !ok {
		return fault.Field(at+"medium", "oneof", "must be one of sms, whatsapp, email")
	}
	required, ok := providers[c.Provider]
	if !ok {
		return fault.Field(at+"provider", "oneof", "this medium's providers are: "+strings.Join(providerNames(providers), ", "))
	}
	for _, key := range required {
		if strings.TrimSpace(c.Settings[key]) == "" && c.Enabled {
			return fault.Field(at+"settings."+key, "required", "an enabled "+c.Provider+" channel needs "+key)
		}
	}
	return nil
}

func providerNames(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Redacted returns the settings with every secret cut to its last four characters.
func (c BranchChannel) Redacted() map[string]string {
	out := make(map[string]string, len(c.Settings))
	for k, v := range c.Settings {
		out[k] = v
		if slices.Contains(secretSettings, k) {
			out[k] = redact(v)
		}
	}
	return out
}

func redact(secret string) string {
	if len(secret) <= 8 {
		return "****"
	}
	return "****" + secret[len(secret)-4:]
}

// keepSecrets puts back stored secrets the client sent in their redacted form, so a
// settings page can save what it was shown without re-typing every token.
func (c *BranchChannel) keepSecrets(stored BranchChannel) {
	for _, k := range secretSettings {
		if v, ok := c.Settings[k]; ok && v == redact(stored.Settings[k]) {
			c.Settings[k] = stored.Settings[k]
		}
	}
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
