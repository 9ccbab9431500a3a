package reviews

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// firstName is how the caller greets the patient: by the first of "First Last".
func firstName(full string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(full), " ")
	return first
}

// localName picks a service's name in locale from its stored names, else English, else
// any, so a script always names the visit.
func localName(names, locale string) string {
	var m map[string]string
	if json.Unmarshal([]byte(names), &m) != nil {
		return ""
	}
	for _, l := range []string{locale, "en"} {
		if n := m[l]; n != "" {
			return n
		}
	}
	for _, n := range m {
		return n
	}
	return ""
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func notFound(err error) error {
	if errors.Is(err, db.ErrNotFound) {
		return ErrNotFound
	}
	return err
}

// nullable passes "" as SQL NULL: an empty string is no UUID to PostgreSQL.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func itoa(i int) string { return strconv.Itoa(i) }
