package inventory

import (
	"sync"
	"time"
)

// zones caches loaded time zones: time.LoadLocation reads the zone database on every
// call, and the consumption and summary paths need the branch's zone each time.
var zones sync.Map

func zone(name string) (*time.Location, error) {
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, l)
	return l, nil
}
