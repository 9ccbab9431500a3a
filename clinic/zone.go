package clinic

import (
	"sync"
	"time"
)

// zones caches time zones by name: LoadLocation reads the zone database each time.
var zones sync.Map

// Zone is the IANA time zone name, loaded once; a name the zone database lacks is UTC
// (a branch's zone was checked when it was saved).
func Zone(name string) *time.Location {
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		l = time.UTC
	}
	zones.Store(name, l)
	return l
}
