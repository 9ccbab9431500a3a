package httpjson

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// ErrBadCursor answers a cursor this server did not hand out.
var ErrBadCursor = fault.Field("cursor", "cursor", "use the next cursor of the previous page")

// TimeCursor is the position after an item of a list ordered by (time, id): the
// item's time and id, opaque to clients.
func TimeCursor(at time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(at.UTC().Format(time.RFC3339Nano) + "|" + id))
}

// ParseTimeCursor reads a TimeCursor back; "" is the start of the list (zero time,
// no id), anything this server did not hand out is ErrBadCursor.
func ParseTimeCursor(c string) (time.Time, string, error) {
	if c == "" {
		return time.Time{}, "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return time.Time{}, "", ErrBadCursor
	}
	stamp, id, ok := strings.Cut(string(raw), "|")
	at, err := time.Parse(time.RFC3339Nano, stamp)
	if !ok || err != nil || uuid.Validate(id) != nil {
		return time.Time{}, "", ErrBadCursor
	}
	return at, id, nil
}

// PageLimit reads a list's ?limit=: 1 to 200, 50 when absent, the same for every list.
func PageLimit(s string) (int, error) {
	if s == "" {
		return 50, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 200 {
		return 0, fault.Field("limit", "range", "must be an integer from 1 to 200")
	}
	return n, nil
}
