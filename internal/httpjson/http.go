// Package httpjson is the strict JSON edge every feature's http.go shares: it decodes
// request bodies refusing unknown fields and wrong types, validates them with
// validator/v10 under their JSON names, and reads ids from paths.
package httpjson

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// ErrUnsupportedMediaType answers a JSON endpoint called with another content type.
var ErrUnsupportedMediaType = fault.New(fault.Unsupported, "unsupported_media_type", "send the body as application/json")

// ErrMalformedJSON answers a body that is not valid JSON.
var ErrMalformedJSON = fault.New(fault.Invalid, "malformed_json", "the body is not valid JSON")

var validate = newValidator()

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	// Fields are named as the client wrote them: the JSON key, or for query structs
	// the query parameter.
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		for _, tag := range []string{"json", "query"} {
			name, _, _ := strings.Cut(f.Tag.Get(tag), ",")
			if name != "" && name != "-" {
				return name
			}
		}
		return ""
	})
	return v
}

// Ctx returns the request's context, carrying the actor and request identity.
func Ctx(c *fiber.Ctx) context.Context { return c.UserContext() }

// Decode reads the JSON body of c into dst strictly and validates it.
func Decode(c *fiber.Ctx, dst any) error {
	if !isJSON(c.Get(fiber.HeaderContentType)) {
		return ErrUnsupportedMediaType
	}
	body := c.Body()
	if len(bytes.TrimSpace(body)) == 0 {
		return fault.Field("", "required", "a JSON body is required")
	}
	return decodeBody(body, dst)
}

// decodeBody is Decode past the transport checks.
func decodeBody(body []byte, dst any) error {
	// Text is judged before decoding, so nothing a handler sees (and nothing it
	// stores) ever held a NUL, a lone surrogate or a smuggled duplicate key.
	if err := scanBody(body); err != nil {
		return err
	}
	if err := decodeStrict(body, dst); err != nil {
		return err
	}
	if err := checkLines(reflect.ValueOf(dst), "", false); err != nil {
		return err
	}
	return Validate(dst)
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

func decodeStrict(body []byte, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return ErrMalformedJSON
	}
	return nil
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fault.Field(typeErr.Field, "wrong_type", "must be "+jsonKind(typeErr.Type))
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		field := strings.Trim(name, `"`)
		return fault.Field(field, "unknown_field", "is not a known field")
	}
	return ErrMalformedJSON
}

func jsonKind(t reflect.Type) string {
	if t == instantType {
		return "a date-time in RFC 3339 with offset, e.g. 2026-05-04T10:00:00+02:00"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	default:
		return "an object"
	}
}

// Validate checks v's `validate` tags and names failures by their JSON paths.
func Validate(v any) error {
	err := validate.Struct(v)
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return err
	}
	fields := make([]fault.FieldError, 0, len(verrs))
	for _, fe := range verrs {
		fields = append(fields, fault.FieldError{Field: jsonPath(fe.Namespace()), Code: fe.Tag(), Message: message(fe)})
	}
	return fault.Fields(fields...)
}

// jsonPath drops the Go struct name that validator puts first.
func jsonPath(ns string) string {
	_, rest, found := strings.Cut(ns, ".")
	if !found {
		return ns
	}
	return rest
}

func message(fe validator.FieldError) string {
	isString := fe.Kind() == reflect.String
	switch fe.Tag() {
	case "required", "required_without", "required_if":
		return "is required"
	case "max":
		if isString {
			return fmt.Sprintf("must be at most %s characters", fe.Param())
		}
		return "must be at most " + fe.Param()
	case "min":
		if isString {
			return fmt.Sprintf("must be at least %s characters", fe.Param())
		}
		return "must be at least " + fe.Param()
	case "gte":
		return "must be at least " + fe.Param()
	case "lte":
		return "must be at most " + fe.Param()
	case "oneof":
		return "must be one of: " + fe.Param()
	}
	return tagMessage(fe)
}

var tagMessages = map[string]string{
	"email":            "must be an e-mail address",
	"uuid":             "must be an id (UUID)",
	"iso3166_1_alpha2": "must be an ISO 3166 two-letter country code",
	"iso4217":          "must be an ISO 4217 currency code",
	"datetime":         "must be a date or time in the documented format",
	"url":              "must be a URL",
	"http_url":         "must be an http(s) URL",
	"timezone":         "must be an IANA time zone",
	"unique":           "must not repeat values",
	"e164":             "must be a phone number in international format",
}

func tagMessage(fe validator.FieldError) string {
	if m, ok := tagMessages[fe.Tag()]; ok {
		return m
	}
	return "is invalid (" + fe.Tag() + ")"
}

// ID reads a path parameter that must be a public id; anything else cannot name a
// stored row, so it is answered as not found.
func ID(c *fiber.Ctx, name string, notFound error) (string, error) {
	u, err := uuid.Parse(c.Params(name))
	if err != nil {
		return "", notFound
	}
	// The canonical form: uuid.Parse also takes urn:uuid: and bare-hex spellings,
	// which the databases would not match or would refuse.
	return u.String(), nil
}

// Created writes a 201 JSON answer.
func Created(c *fiber.Ctx, v any) error {
	return c.Status(fiber.StatusCreated).JSON(v)
}
