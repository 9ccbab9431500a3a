package patientpage

import (
	"strings"
	"testing"
	"time"
)

func TestNonces(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	p := NewNonces([]byte("k"), "manage-visit")
	n := p.Make("token-a", now)
	cases := map[string]struct {
		token, nonce string
		age          time.Duration
		ok           bool
	}{
		"fresh":              {"token-a", n, 0, true},
		"an evening later":   {"token-a", n, 11 * time.Hour, true},
		"too old":            {"token-a", n, NonceTTL, false},
		"from the future":    {"token-a", n, -2 * time.Minute, false},
		"another link":       {"token-b", n, 0, false},
		"empty":              {"token-a", "", 0, false},
		"tampered time":      {"token-a", "1" + n, 0, false},
		"another server key": {"token-a", NewNonces([]byte("other"), "manage-visit").Make("token-a", now), 0, false},
		"another page":       {"token-a", NewNonces([]byte("k"), "questionnaire").Make("token-a", now), 0, false},
	}
	for name, c := range cases {
		if got := p.Valid(c.token, c.nonce, now.Add(c.age)); got != c.ok {
			t.Errorf("%s: valid %v, want %v", name, got, c.ok)
		}
	}
	if a, b := NewNonces(nil, "x"), NewNonces(nil, "x"); a.Valid("t", b.Make("t", now), now) {
		t.Error("two processes without a secret accept each other's nonces")
	}
}

func TestCSPNamesTheInlineStyleAndScriptByHash(t *testing.T) {
	csp := CSP("body{}", "alert(1)")
	for _, want := range []string{"default-src 'none'", "style-src 'sha256-", "script-src 'sha256-", "form-action 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%q lacks %q", csp, want)
		}
	}
	if CSP("body{}", "alert(1)") == CSP("body{ }", "alert(1)") {
		t.Error("a changed style keeps its hash")
	}
}
