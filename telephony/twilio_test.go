package telephony_test

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // Twilio signs with HMAC-SHA1.
	"encoding/base64"
	"net/http"
	"net/url"
	"sort"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

const twilioAuth = "twilio-auth-token"

// signTwilio writes Twilio's documented signature out here, apart from the code under test.
func signTwilio(token, fullURL string, form url.Values) string {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := fullURL
	for _, k := range keys {
		for _, v := range form[k] {
			s += k + v
		}
	}
	mac := hmac.New(sha1.New, []byte(token))
	mac.Write([]byte(s))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// twilioLine makes a branch and a Twilio line on it, returning the line's token.
func twilioLine(t *testing.T, env *apitest.Env) string {
	t.Helper()
	br, err := env.Clinic.CreateBranch(t.Context(), clinic.BranchInput{Name: "Centrum", Country: "PL",
		TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN"})
	if err != nil {
		t.Fatal(err)
	}
	r := env.As(actor.Owner).Do(http.MethodPost, "/api/v1/phone-lines",
		map[string]string{"branch_id": br.ID, "provider": "twilio", "secret": twilioAuth})
	if r.Status != http.StatusCreated {
		t.Fatalf("create line: %d %s", r.Status, r.Body)
	}
	var out struct {
		Token string `json:"token"`
	}
	r.Decode(t, &out)
	return out.Token
}

func postTwilio(env *apitest.Env, path, auth string, form url.Values) *apitest.Response {
	c := env.Anonymous()
	c.Header.Set("X-Twilio-Signature", signTwilio(auth, apitest.PublicURL+path, form))
	return c.Raw(http.MethodPost, path, "application/x-www-form-urlencoded", []byte(form.Encode()))
}

func TestTwilioStatusSignatureAndBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apitest.NewEnv(t, d)
		path := "/api/v1/telephony/" + twilioLine(t, env) + "/twilio/status"
		form := url.Values{"CallSid": {"CA1"}, "CallStatus": {"ringing"}, "Direction": {"inbound"},
			"From": {"+48601000001"}, "To": {"+48500000000"}, "SequenceNumber": {"0"}}
		if r := postTwilio(env, path, "wrong", form); r.Status != http.StatusForbidden {
			t.Fatalf("bad signature: %d %s", r.Status, r.Body)
		}
		if n, _ := env.Telephony.ProcessOnce(t.Context()); n != 0 {
			t.Fatalf("a forged request stored %d signals", n)
		}
		if r := postTwilio(env, path, twilioAuth, form); r.Status != http.StatusNoContent {
			t.Fatalf("status: %d %s", r.Status, r.Body)
		}
		postTwilio(env, path, twilioAuth, form) // Twilio retried
		if n, _ := env.Telephony.ProcessOnce(t.Context()); n != 1 {
			t.Fatalf("applied %d signals, want 1", n)
		}
		form.Del("CallSid")
		r := postTwilio(env, path, twilioAuth, form)
		if r.Status != http.StatusBadRequest || r.Problem(t).Errors[0].Field != "CallSid" {
			t.Fatalf("missing CallSid: %d %s", r.Status, r.Body)
		}
	})
}
