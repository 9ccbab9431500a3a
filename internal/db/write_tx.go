package db

import (
	"runtime"
	"strings"
	"time"
)

// WriteTx is one write transaction as an observer hears of it.
type WriteTx struct {
	// Took is how long it held the writer, BEGIN to the end of COMMIT.
	Took time.Duration
	// Caller is the function outside this package that ran it, as
	// "booking.(*Service).placeOnce": what a writer's time went to.
	Caller string
}

// module is the prefix every Frontdesk function name carries.
const module = "github.com/frontdeskhq/frontdesk/"

// callerOutside names the nearest function on the stack outside this package; only
// an observer pays for the walk.
func callerOutside() string {
	pcs := make([]uintptr, 16)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	for {
		f, more := frames.Next()
		name := strings.TrimPrefix(f.Function, module)
		if !strings.HasPrefix(name, "internal/db.") {
			return name
		}
		if !more {
			return "unknown"
		}
	}
}
