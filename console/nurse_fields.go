package console

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// serviceLine reads a service's field name for the i-th line of a request
// ("lines[2].quantity").
var serviceLine = regexp.MustCompile(`^lines\[(\d+)\]\.(\w+)$`)

// nurseFields moves the marks a service put on its request's lines onto the form's
// own fields: keys[i] is the form's key of the request's i-th line, and inputs names
// each service field's input ("quantity" → "quantity-"). A mark the form has no input
// for becomes the form's problem, so nothing refused goes unsaid.
func nurseFields(f *Form, keys []string, inputs map[string]string) {
	for field, text := range f.Errors {
		m := serviceLine.FindStringSubmatch(field)
		if m == nil {
			continue
		}
		delete(f.Errors, field)
		i, _ := strconv.Atoi(m[1])
		prefix, ok := inputs[m[2]]
		if !ok || i >= len(keys) {
			f.Problem = strings.TrimSpace(f.Problem + " " + text)
			continue
		}
		f.Errors[prefix+keys[i]] = text
	}
}

// wholeNumber reads a quantity typed at the desk: "" is none, anything but a whole
// number from 0 is refused.
func wholeNumber(s string) (n int64, given, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, true, err == nil && n >= 0 && n <= 1_000_000_000
}

// isDate says s is a date as the inventory keeps them (YYYY-MM-DD).
func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
