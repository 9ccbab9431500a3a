package tasks

import (
	"encoding/base64"
	"strings"
	"time"

	"github.com/google/uuid"
)

// A cursor is the last item's time and id, opaque to clients.
func encodeCursor(at time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(at.UTC().Format(time.RFC3339Nano) + "|" + id))
}

func decodeCursor(c string) (time.Time, string, error) {
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
