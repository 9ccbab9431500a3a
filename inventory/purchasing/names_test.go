package purchasing_test

import (
	"strconv"

	"github.com/frontdeskhq/frontdesk/api"
)

// names reports whether a problem names field.
func names(p api.Problem, field string) bool {
	for _, f := range p.Errors {
		if f.Field == field {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
