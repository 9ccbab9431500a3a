package telephony

import (
	"encoding/json"
	"mime"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// readForm reads a webhook body as the form phone systems post
// (application/x-www-form-urlencoded), or, when JSON is sent, a flat JSON object whose
// string and string-list values become form values. Values carrying control characters
// or invalid UTF-8 are refused naming the field: nothing a PBX sends needs them.
func readForm(contentType string, body []byte) (url.Values, error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	var form url.Values
	var err error
	switch mt {
	case "application/x-www-form-urlencoded":
		form, err = url.ParseQuery(string(body))
	case "application/json":
		form, err = jsonForm(body)
	default:
		return nil, fault.Field("body", "content_type", "send application/x-www-form-urlencoded or application/json")
	}
	if err != nil {
		return nil, fault.Field("body", "malformed", "the body does not parse as "+mt)
	}
	return form, cleanForm(form)
}

// jsonForm flattens {"a": "x", "user": ["b", "c"]} into form values.
func jsonForm(body []byte) (url.Values, error) {
	var obj map[string]any
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil, err
	}
	form := url.Values{}
	for k, v := range obj {
		switch v := v.(type) {
		case string:
			form.Add(k, v)
		case float64, bool:
			b, _ := json.Marshal(v)
			form.Add(k, string(b))
		case []any:
			for _, item := range v {
				if s, ok := item.(string); ok {
					form.Add(k, s)
				}
			}
		}
	}
	return form, nil
}

// cleanForm refuses values no phone system sends: invalid UTF-8 and control characters.
func cleanForm(form url.Values) error {
	for k, vs := range form {
		if !clean(k) {
			return fault.Field("body", "control_character", "a field name holds a control character or invalid UTF-8")
		}
		for _, v := range vs {
			if !clean(v) {
				return fault.Field(k, "control_character", "must not hold control characters or invalid UTF-8")
			}
		}
	}
	return nil
}

func clean(s string) bool {
	return utf8.ValidString(s) && strings.IndexFunc(s, unicode.IsControl) < 0
}

// required names the first of fields missing from form.
func required(form url.Values, fields ...string) error {
	for _, f := range fields {
		if strings.TrimSpace(form.Get(f)) == "" {
			return fault.Field(f, "required", "is required")
		}
	}
	return nil
}

// tooLong refuses values longer than phone systems ever send, naming the field.
func tooLong(form url.Values, max int) error {
	for k, vs := range form {
		for _, v := range vs {
			if len(v) > max {
				return fault.Field(k, "max", "is too long")
			}
		}
	}
	return nil
}
