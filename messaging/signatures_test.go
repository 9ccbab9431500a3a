package messaging

import (
	"net/url"
	"testing"
)

// The vectors were computed outside this code (Python's hmac module and Twilio's own
// documentation example, recomputed with Python), so the code is not checked against itself.
func TestTwilioSignatureMatchesTheDocumentedExample(t *testing.T) {
	form := url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+12349013030"}, "Digits": {"1234"},
		"From": {"+12349013030"}, "To": {"+18005551212"}}
	got := TwilioSignature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", form)
	if want := "0/KCTR6DLpKmkAf8muzZqo1nDgQ="; got != want {
		t.Errorf("signature %s, want %s", got, want)
	}
	if !ValidTwilioSignature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", form, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=") {
		t.Error("the documented signature is refused")
	}
	if ValidTwilioSignature("12345", "https://mycompany.com/myapp.php?foo=1&bar=3", form, got) {
		t.Error("a signature for another URL is accepted")
	}
}

func TestHubSignatureMatchesAnIndependentVector(t *testing.T) {
	// python3 -c 'import hmac,hashlib;print(hmac.new(b"app-secret",b"{\"object\":\"whatsapp_business_account\"}",hashlib.sha256).hexdigest())'
	body := []byte(`{"object":"whatsapp_business_account"}`)
	want := "sha256=" + hubVector
	if got := HubSignature("app-secret", body); got != want {
		t.Errorf("signature %s, want %s", got, want)
	}
	if ValidHubSignature("app-secret", body, "") || ValidHubSignature("", body, want) ||
		ValidHubSignature("other", body, want) {
		t.Error("a missing or wrong signature is accepted")
	}
}

const hubVector = "0bf7374433906636bed1653bc7c64affb42fa5da9a39e251ab95c2e3a9c06923"
