// Package fault carries domain errors from services to the one HTTP error handler
// without the services knowing anything about HTTP.
package fault

import (
	"errors"
	"strings"
)

// Kind says which family of answer an error deserves.
type Kind int

// The kinds of domain errors; the API maps each to one HTTP status.
const (
	Invalid Kind = iota + 1
	NotFound
	Conflict
	Unauthorized
	Forbidden
	TooManyRequests
	Unsupported
	TooLarge
	Unavailable
	Unprocessable
	Gone
	// Upstream is a provider outside the clinic (a review site) refusing or failing.
	Upstream
)

// FieldError names one bad input field (JSON path, e.g. "patient.phone").
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error is a domain error with a stable machine code.
type Error struct {
	Kind   Kind
	Code   string
	Detail string
	Fields []FieldError
	// RetryAfter is a hint in seconds for TooManyRequests answers.
	RetryAfter int
}

// Error implements error.
func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Code + ": " + e.Detail
	}
	parts := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		parts = append(parts, f.Field+" "+f.Code)
	}
	return e.Code + ": " + strings.Join(parts, ", ")
}

// New makes a sentinel-style domain error.
func New(kind Kind, code, detail string) *Error {
	return &Error{Kind: kind, Code: code, Detail: detail}
}

// Field makes a validation error about a single field.
func Field(field, code, message string) *Error {
	return Fields(FieldError{Field: field, Code: code, Message: message})
}

// Fields makes a validation error about several fields.
func Fields(fields ...FieldError) *Error {
	return &Error{Kind: Invalid, Code: "validation_failed", Detail: "the request has invalid fields", Fields: fields}
}

// As returns the domain error inside err, if any.
func As(err error) (*Error, bool) {
	var fe *Error
	ok := errors.As(err, &fe)
	return fe, ok
}
