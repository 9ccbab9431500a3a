package httpjson

import (
	"encoding/json"
	"reflect"
	"time"
)

// Instant is an RFC 3339 time with offset in a request body. Unlike time.Time, a
// malformed one is reported with the name of its field.
type Instant struct{ time.Time }

var instantType = reflect.TypeOf(Instant{})

// UnmarshalJSON parses an RFC 3339 string.
func (t *Instant) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return &json.UnmarshalTypeError{Value: "non-string", Type: instantType}
	}
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return &json.UnmarshalTypeError{Value: "string", Type: instantType}
	}
	t.Time = v
	return nil
}

// MarshalJSON writes the time in RFC 3339.
func (t Instant) MarshalJSON() ([]byte, error) { return json.Marshal(t.Time) }
