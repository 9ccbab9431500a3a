package booking

import (
	"sync"
	"time"
)

// zones caches time zones by name, failures included: time.LoadLocation reads and
// parses the zone database on every call, a visible share of a booking's CPU.
var zones sync.Map

type zoneEntry struct {
	loc *time.Location
	err error
}

// loadZone is time.LoadLocation, once per name.
func loadZone(name string) (*time.Location, error) {
	if e, ok := zones.Load(name); ok {
		z := e.(zoneEntry)
		return z.loc, z.err
	}
	loc, err := time.LoadLocation(name)
	zones.Store(name, zoneEntry{loc: loc, err: err})
	return loc, err
}
