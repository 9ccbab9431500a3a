package messaging

import "github.com/frontdeskhq/frontdesk/internal/httpjson"

// ErrBadCursor answers a cursor this server did not hand out.
var ErrBadCursor = httpjson.ErrBadCursor

// zeroUUID stands in for "no cursor" where PostgreSQL wants a UUID.
const zeroUUID = "00000000-0000-0000-0000-000000000000"
