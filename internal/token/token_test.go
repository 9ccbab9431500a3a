package token

import (
	"encoding/base64"
	"strings"
	"testing"
)

// vector is a token written by the code this package replaced (32 bytes 0x00..0x1f in
// base64url) and the hash stored for it then; rows in existing tables depend on it.
const (
	vector     = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"
	vectorHash = "ea866a757e4c38babfa8127cbe9a409d3e1f93a00ff1488ff735fcf917afffd0"
)

func TestNewIsValidAndFresh(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		tok := New()
		if len(tok) != Len || !Valid(tok) {
			t.Fatalf("New gave %q (%d characters), not a valid token", tok, len(tok))
		}
		if seen[tok] {
			t.Fatalf("New repeated %q", tok)
		}
		seen[tok] = true
	}
}

func TestHashIsStable(t *testing.T) {
	if got := Hash(vector); got != vectorHash {
		t.Fatalf("Hash(%q) = %q, want %q: stored hashes would stop matching", vector, got, vectorHash)
	}
	if !Valid(vector) {
		t.Fatalf("an issued token %q is refused", vector)
	}
	if b, _ := base64.RawURLEncoding.DecodeString(vector); len(b) != Bytes || b[31] != 0x1f {
		t.Fatal("the vector is not what the old code wrote for bytes 0x00..0x1f")
	}
}

func TestValidRefusesMalformed(t *testing.T) {
	bad := map[string]string{
		"empty":         "",
		"short":         vector[:42],
		"too long":      vector + "A",
		"very long":     strings.Repeat("A", 1<<16),
		"padded":        vector + "=",
		"std alphabet":  "+" + vector[1:],
		"slash":         vector[:10] + "/" + vector[11:],
		"NUL":           vector[:42] + "\x00",
		"NUL inside":    vector[:5] + "\x00" + vector[6:],
		"newline":       vector[:20] + "\n" + vector[21:],
		"space":         " " + vector[1:],
		"non-ASCII":     "é" + vector[2:],
		"invalid UTF-8": "\xff" + vector[1:],
		"punctuation":   strings.Repeat("*", Len),
		"non-canonical": vector[:42] + "9", // the last character's spare bits set
	}
	for name, tok := range bad {
		if Valid(tok) {
			t.Errorf("%s: %q accepted", name, tok)
		}
	}
}

func TestHashIsNotTheToken(t *testing.T) {
	tok := New()
	if h := Hash(tok); h == tok || len(h) != 64 || strings.Trim(h, "0123456789abcdef") != "" {
		t.Fatalf("Hash(%q) = %q, want 64 lower-case hex digits", tok, h)
	}
}
