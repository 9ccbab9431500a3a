// Package token makes the opaque tokens that stand for a credential in a URL or a
// header (manage-visit and questionnaire links, waitlist offers, iCal feeds, staff
// sign-ins) and the form they are stored in. Only the hash is ever stored, so a
// leaked table opens nothing and an issued token can never be shown again.
package token

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

const (
	// Bytes is a token's entropy: 256 bits, beyond any guessing.
	Bytes = 32
	// Len is a token's length as text: base64url without padding.
	Len = 43
)

// New returns a fresh random token. crypto/rand cannot fail since Go 1.24 (it
// crashes the program instead), so there is no error to hand on.
func New() string {
	b := make([]byte, Bytes)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Hash is the stored form of a token: the hex SHA-256 of its text. Rows written
// before this package existed hold the same string, so it must never change.
func Hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Valid reports whether token has the shape New gives, so that junk (too long,
// NUL, non-ASCII, padding, line breaks) is refused before a database is asked.
// Strict decoding refuses the non-canonical spellings New never writes.
func Valid(token string) bool {
	if len(token) != Len {
		return false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(token)
	return err == nil && len(b) == Bytes
}
