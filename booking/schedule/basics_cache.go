package schedule

import (
	"context"
	"sync"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// selectScheduleVersion reads the version every change to the directory, schedules
// and rules counts up (schedule_version, by triggers).
const selectScheduleVersion = `SELECT version FROM schedule_version WHERE id = 1`

// basicsKey is what an answer's basics depend on besides the version.
type basicsKey struct{ branch, service, doctor string }

// basicsCache keeps what answers read before they look at days, for as long as the
// schedule version they were read under stands. Entries are shared: nothing that
// reads them changes them.
type basicsCache struct {
	mu      sync.Mutex
	version int64
	entries map[basicsKey]basics
}

// get answers the basics cached for key under version.
func (c *basicsCache) get(version int64, key basicsKey) (basics, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.entries[key]
	return b, ok && c.version == version
}

// put keeps b for key as read under version; a later version drops every entry of
// an earlier one, and an entry read under an earlier version than the cache's is
// not kept.
func (c *basicsCache) put(version int64, key basicsKey, b basics) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case version < c.version:
		return
	case version > c.version || c.entries == nil:
		c.version, c.entries = version, map[basicsKey]basics{}
	}
	c.entries[key] = b
}

// scheduleVersion reads the current schedule version.
func (s schedStore) scheduleVersion(ctx context.Context) (int64, error) {
	var v int64
	st, err := s.prepared(ctx, selectScheduleVersion)
	if err != nil {
		return 0, err
	}
	return v, db.Map(st.QueryRowContext(ctx).Scan(&v))
}
