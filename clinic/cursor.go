package clinic

import (
	"encoding/base64"
	"encoding/json"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Lists page by keyset (the sort key and the id of the last row shown), so a page costs
// one index range scan however deep it is, and rows added meanwhile neither repeat nor
// vanish. The cursor is that pair, wrapped so clients treat it as opaque.

// Page sizes.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// minID and maxID are the UUIDs sorting before and after every generated id; they start
// a keyset walk.
const (
	minID = "00000000-0000-0000-0000-000000000000"
	maxID = "ffffffff-ffff-ffff-ffff-ffffffffffff"
)

// ErrBadCursor answers a cursor this list did not hand out.
var ErrBadCursor = fault.Field("cursor", "invalid", "is not a cursor of this list; start again without it")

type cursor struct {
	Mode string `json:"m"`
	Key  string `json:"k"`
	ID   string `json:"i"`
}

func encodeCursor(mode, key, id string) string {
	b, _ := json.Marshal(cursor{Mode: mode, Key: key, ID: id})
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor for the list mode; an empty one starts at (startKey, startID).
// A cursor of another mode would walk the wrong index, so it is refused.
func decodeCursor(s, mode, startKey, startID string) (cursor, error) {
	if s == "" {
		return cursor{Mode: mode, Key: startKey, ID: startID}, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, ErrBadCursor
	}
	var c cursor
	if json.Unmarshal(raw, &c) != nil || c.Mode != mode || !isUUID(c.ID) {
		return cursor{}, ErrBadCursor
	}
	return c, nil
}

// clampLimit keeps a page size within 1..MaxLimit, DefaultLimit when unset.
func clampLimit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

// pageOf cuts rows (fetched with one extra row to learn whether more follow) to limit and
// makes the next page's cursor from the last row kept.
func pageOf[T any](rows []T, limit int, mode string, key func(T) (string, string)) Page[T] {
	if len(rows) <= limit {
		return Page[T]{Items: rows}
	}
	rows = rows[:limit]
	k, id := key(rows[limit-1])
	return Page[T]{Items: rows, Next: encodeCursor(mode, k, id)}
}
