package api

import (
	"iter"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Text outside JSON bodies (those are judged by httpjson.Decode) is judged here, once,
// before any handler runs: PostgreSQL refuses NUL in text with an error that would
// surface as a 500, and control characters in names, ids and headers only ever serve
// injection into logs, headers or pages.

// refuseBadText answers 400 naming the first query parameter, header or form field
// whose name or value holds invalid UTF-8 or a forbidden control character.
func refuseBadText(c *fiber.Ctx) error {
	req := c.Request()
	if err := checkPairs(req.URI().QueryArgs().All(), "", "\t"); err != nil {
		return err
	}
	if err := checkPairs(req.Header.All(), "header:", "\t"); err != nil {
		return err
	}
	if isForm(string(req.Header.ContentType())) {
		// Form fields may be free text (a cancellation's details, questionnaire
		// answers), so line breaks pass; which field is which only its page knows.
		if err := checkPairs(req.PostArgs().All(), "", "\t\r\n"); err != nil {
			return err
		}
	}
	return c.Next()
}

func isForm(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == fiber.MIMEApplicationForm
}

// checkPairs judges names and values; a bad name is named as it arrived (invalid
// bytes and all) since there is nothing better to call it, JSON-escaped on the way out.
func checkPairs(pairs iter.Seq2[[]byte, []byte], prefix, allowed string) error {
	for k, v := range pairs {
		field := prefix + string(k)
		if err := checkText(field, k, ""); err != nil {
			return err
		}
		if err := checkText(field, v, allowed); err != nil {
			return err
		}
	}
	return nil
}

// checkText refuses invalid UTF-8 and C0 control characters (and DEL) other than
// those allowed.
func checkText(field string, b []byte, allowed string) error {
	if !utf8.Valid(b) {
		return fault.Field(field, "invalid_utf8", "must be valid UTF-8")
	}
	for _, ch := range b {
		if (ch < 0x20 || ch == 0x7f) && strings.IndexByte(allowed, ch) < 0 {
			return fault.Field(field, "control_character", "must not contain control characters")
		}
	}
	return nil
}
