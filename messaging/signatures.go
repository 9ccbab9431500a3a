package messaging

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // Twilio's documented request signature is HMAC-SHA1.
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
)

// TwilioSignature is Twilio's documented request signature: HMAC-SHA1, keyed with the
// account's auth token, over the full URL Twilio called followed by every POST
// parameter sorted by name, each as name then value; base64.
func TwilioSignature(authToken, fullURL string, form url.Values) string {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(fullURL)
	for _, k := range keys {
		for _, v := range form[k] {
			b.WriteString(k)
			b.WriteString(v)
		}
	}
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write([]byte(b.String()))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// ValidTwilioSignature compares a request's X-Twilio-Signature in constant time.
func ValidTwilioSignature(authToken, fullURL string, form url.Values, got string) bool {
	if authToken == "" || got == "" {
		return false
	}
	return hmac.Equal([]byte(TwilioSignature(authToken, fullURL, form)), []byte(got))
}

// HubSignature is the X-Hub-Signature-256 of a WhatsApp (Meta) webhook body and the
// X-Frontdesk-Signature of the generic webhook: "sha256=" and the hex HMAC-SHA256 of
// the raw body, keyed with the shared secret.
func HubSignature(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// ValidHubSignature compares a "sha256=<hex>" header in constant time.
func ValidHubSignature(secret string, body []byte, got string) bool {
	if secret == "" || got == "" {
		return false
	}
	return hmac.Equal([]byte(HubSignature(secret, body)), []byte(strings.ToLower(strings.TrimSpace(got))))
}
