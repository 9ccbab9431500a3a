package messaging

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// TwilioConfig is an SMS account at Twilio or a provider speaking its REST API.
type TwilioConfig struct {
	// BaseURL is https://api.twilio.com, or a compatible provider's.
	BaseURL    string
	AccountSID string
	AuthToken  string
	// From is the sending number (E.164) or alphanumeric sender.
	From string
	// StatusCallback is <public url>/api/v1/webhooks/twilio/status; each message adds
	// ?o=<outbox id>, so a report names our row even before we know the provider's id.
	StatusCallback string
	Client         *http.Client
}

// TwilioChannel sends SMS through Twilio's Messages API.
type TwilioChannel struct{ cfg TwilioConfig }

// NewTwilioChannel returns an SMS channel over cfg.
func NewTwilioChannel(cfg TwilioConfig) *TwilioChannel {
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	return &TwilioChannel{cfg: cfg}
}

// Name is "twilio".
func (c *TwilioChannel) Name() string { return "twilio" }

func (c *TwilioChannel) messagesURL() string {
	return c.cfg.BaseURL + "/2010-04-01/Accounts/" + url.PathEscape(c.cfg.AccountSID) + "/Messages.json"
}

// twilioMessage is the part of Twilio's Message resource we read.
type twilioMessage struct {
	SID  string `json:"sid"`
	To   string `json:"to"`
	Body string `json:"body"`
	// DateCreated is RFC 2822, as Twilio writes it: "Mon, 16 Aug 2010 03:45:01 +0000".
	DateCreated string `json:"date_created"`
}

// Send posts the message form-encoded with basic auth and returns Twilio's SID.
func (c *TwilioChannel) Send(ctx context.Context, m Outgoing) (string, error) {
	form := url.Values{"To": {m.Recipient}, "From": {c.cfg.From}, "Body": {m.Body}}
	if c.cfg.StatusCallback != "" {
		form.Set("StatusCallback", c.cfg.StatusCallback+"?o="+url.QueryEscape(m.ID))
	}
	req, err := http.NewRequest(http.MethodPost, c.messagesURL(), strings.NewReader(form.Encode()))
	if err != nil {
		return "", Permanent(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(c.cfg.AccountSID, c.cfg.AuthToken)
	body, err := callProvider(ctx, c.cfg.Client, req)
	if err != nil {
		return "", err
	}
	var msg twilioMessage
	if err := json.Unmarshal(body, &msg); err != nil || msg.SID == "" {
		return "", errNoProviderID
	}
	return msg.SID, nil
}

// Lookup asks Twilio for messages to the recipient since the attempt began and keeps
// those with our text: Twilio has no idempotency key for sending, so this is how a
// crash between its answer and our update is told apart from a request that never
// arrived. A minute's leeway covers the two clocks.
func (c *TwilioChannel) Lookup(ctx context.Context, m Outgoing, since time.Time) ([]string, bool, error) {
	q := url.Values{"To": {m.Recipient}, "DateSent>": {since.UTC().Add(-24 * time.Hour).Format(time.DateOnly)}}
	req, err := http.NewRequest(http.MethodGet, c.messagesURL()+"?"+q.Encode(), nil)
	if err != nil {
		return nil, false, err
	}
	req.SetBasicAuth(c.cfg.AccountSID, c.cfg.AuthToken)
	body, err := callProvider(ctx, c.cfg.Client, req)
	if err != nil {
		return nil, false, err
	}
	var page struct {
		Messages []twilioMessage `json:"messages"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, false, err
	}
	var out []string
	for _, msg := range page.Messages {
		if msg.Body == m.Body && msg.SID != "" && !msg.before(since.Add(-time.Minute)) {
			out = append(out, msg.SID)
		}
	}
	return out, true, nil
}

// before reports whether Twilio made the message before t; a message without a
// readable date_created is kept (the dispatcher's check of known ids still applies).
func (msg twilioMessage) before(t time.Time) bool {
	made, err := time.Parse(time.RFC1123Z, msg.DateCreated)
	return err == nil && made.Before(t)
}
