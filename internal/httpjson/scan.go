package httpjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// scanBody walks the raw JSON before it is decoded, because encoding/json silently
// turns invalid UTF-8 and lone surrogates into U+FFFD and lets the last of two
// duplicate keys win: neither is visible in the decoded value any more. It refuses
// those, and escaped control characters other than tab and line breaks (PostgreSQL
// cannot store NUL in text). Tab and line breaks are judged after decoding, per field.
func scanBody(body []byte) error {
	s := &scanner{dec: json.NewDecoder(bytes.NewReader(body)), body: body}
	s.dec.UseNumber()
	return s.value("")
}

type scanner struct {
	dec  *json.Decoder
	body []byte
	// end is the offset the previous token ended at: the raw bytes of the next token
	// lie between it and the decoder's offset after reading that token.
	end int64
	// depth counts open objects and arrays: the token reader sets no limit of its own,
	// and a body of a million '[' would otherwise recurse a million times.
	depth int
}

// maxDepth is far beyond any request body's real nesting.
const maxDepth = 64

// next reads one token and the raw bytes it was read from.
func (s *scanner) next(path string) (json.Token, []byte, error) {
	tok, err := s.dec.Token()
	if err != nil {
		return nil, nil, syntaxError(path, err)
	}
	start := s.end
	s.end = s.dec.InputOffset()
	return tok, s.body[start:s.end], nil
}

// syntaxError names the field when the JSON breaks inside a string because of a raw
// control byte; any other break is just malformed JSON.
func syntaxError(path string, err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) && strings.HasSuffix(syn.Error(), "in string literal") {
		return fault.Field(path, "control_character", "must not contain control characters")
	}
	return ErrMalformedJSON
}

func (s *scanner) value(path string) error {
	tok, raw, err := s.next(path)
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		if s.depth++; s.depth > maxDepth {
			return fault.Field(path, "too_deep", "nests objects and arrays too deeply")
		}
		defer func() { s.depth-- }()
		if t == '{' {
			return s.object(path)
		}
		return s.array(path)
	case string:
		return checkRawString(path, raw)
	}
	return nil
}

// object walks an object's members; keys are compared case-insensitively because
// encoding/json matches struct fields that way, so "email" and "EMAIL" would
// otherwise smuggle a second value past the first.
func (s *scanner) object(path string) error {
	seen := map[string]bool{}
	for s.dec.More() {
		tok, raw, err := s.next(path)
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		field := joinKey(path, key)
		if err := checkRawString(field, raw); err != nil {
			return err
		}
		folded := strings.ToLower(key)
		if seen[folded] {
			return fault.Field(field, "duplicate_key", "must appear only once")
		}
		seen[folded] = true
		if err := s.value(field); err != nil {
			return err
		}
	}
	_, _, err := s.next(path)
	return err
}

func (s *scanner) array(path string) error {
	for i := 0; s.dec.More(); i++ {
		if err := s.value(path + "[" + strconv.Itoa(i) + "]"); err != nil {
			return err
		}
	}
	_, _, err := s.next(path)
	return err
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
