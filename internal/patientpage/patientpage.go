// Package patientpage is the kit of the server-rendered patient pages (the manage-visit
// page /v, the questionnaire /q, and any page a patient opens from a link): one layout,
// a Content-Security-Policy that names each page's own inline style and script by
// hash, a message page in every language, the nonces their forms carry, and the
// headers every answer is sent with.
//
// A feature makes a Page at start-up (NewPage), parses its content templates into the
// layout (Page.Template), renders views that embed a Frame (Page.Render, Page.Message)
// and hands the Answer to Page.Send from its http.go. Texts and views stay with the
// feature.
package patientpage

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// CSP lets a page run only its own inline style and script, named by their hashes,
// show images only from data: URLs (its icon) and post forms only to its own origin.
func CSP(style, script string) string {
	return "default-src 'none'; style-src " + hash(style) + "; script-src " + hash(script) +
		"; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// NonceTTL is how long a rendered form may be posted: an evening's open tab.
const NonceTTL = 12 * time.Hour

// Nonces prove that a posted form is one this server rendered for a link lately: an
// HMAC of the page's purpose, the link's token and the render time under a server key.
// A third-party site cannot post into a link blindly. An HMAC rather than a
// SameSite=Strict cookie because it needs no cookie at all (in-app browsers of SMS and
// mail apps often keep none), at the cost of one key shared across instances.
type Nonces struct {
	key     []byte
	purpose string
}

// NewNonces keys the nonces of one page; an empty secret is a random key per process.
func NewNonces(secret []byte, purpose string) Nonces {
	if len(secret) == 0 {
		secret = []byte(rand.Text())
	}
	return Nonces{key: secret, purpose: purpose}
}

// Make is the nonce of a form rendered for token at at.
func (n Nonces) Make(token string, at time.Time) string {
	ts := strconv.FormatInt(at.Unix(), 36)
	return ts + "." + n.mac(token, ts)
}

func (n Nonces) mac(token, ts string) string {
	h := hmac.New(sha256.New, n.key)
	h.Write([]byte(n.purpose + "\x00" + token + "\x00" + ts))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// Valid checks a posted nonce at now; a minute of skew into the future is allowed for
// instances whose clocks differ a little.
func (n Nonces) Valid(token, nonce string, now time.Time) bool {
	ts, mac, _ := strings.Cut(nonce, ".")
	sec, err := strconv.ParseInt(ts, 36, 64)
	if err != nil || !hmac.Equal([]byte(mac), []byte(n.mac(token, ts))) {
		return false
	}
	age := now.Sub(time.Unix(sec, 0))
	return age > -time.Minute && age < NonceTTL
}
