package httpjson

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

const (
	msgInvalidUTF8 = "must be valid UTF-8"
	msgControl     = "must not contain control characters"
	msgSurrogate   = "must not contain a lone UTF-16 surrogate"
	msgLineBreak   = "must not contain tabs or line breaks"
)

// checkRawString judges a string token as it was written: raw holds the token with
// any separators before it, and the string starts at its first quote. The decoder
// has already accepted the token, so every escape in it is well formed.
func checkRawString(field string, raw []byte) error {
	if i := bytes.IndexByte(raw, '"'); i >= 0 {
		raw = raw[i:]
	}
	if !utf8.Valid(raw) {
		return fault.Field(field, "invalid_utf8", msgInvalidUTF8)
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		n, err := checkEscape(field, raw[i:])
		if err != nil {
			return err
		}
		i += n - 1
	}
	return nil
}

// checkEscape judges the escape at the start of rest and says how many bytes it
// spans; a high surrogate counts only with the low one that must follow it.
func checkEscape(field string, rest []byte) (int, error) {
	if rest[1] != 'u' {
		return 2, nil // \n, \", \\ …: never a forbidden character
	}
	r := hexRune(rest)
	switch {
	case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
		return 0, fault.Field(field, "control_character", msgControl)
	case r >= 0xDC00 && r <= 0xDFFF:
		return 0, fault.Field(field, "lone_surrogate", msgSurrogate)
	case r >= 0xD800 && r <= 0xDBFF:
		if low := hexRune(rest[6:]); low < 0xDC00 || low > 0xDFFF {
			return 0, fault.Field(field, "lone_surrogate", msgSurrogate)
		}
		return 12, nil
	}
	return 6, nil
}

// hexRune reads a \uXXXX escape at the start of b, or -1 when there is none.
func hexRune(b []byte) rune {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return -1
	}
	v, err := strconv.ParseUint(string(b[2:6]), 16, 32)
	if err != nil {
		return -1
	}
	return rune(v)
}
