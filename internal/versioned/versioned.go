// Package versioned keeps values read from the database for as long as the version
// they were read under stands. Triggers count a version up on every write to what it
// covers, and a reader reads the version before the values: a change committed while
// values are read counts the version past the one they are kept under, so a cache is
// never newer than its version claims, on one instance or on many over one database.
package versioned

import "sync"

// Cache keeps values by key under one version. Values are shared: nothing that reads
// them may change them.
type Cache[K comparable, V any] struct {
	// Limit bounds the entries kept under one version (0: no bound); a Put at the
	// bound starts the version's entries over, so keys that are never asked again
	// (a sign-in token long expired) cannot pile up while the version stands.
	Limit int

	mu      sync.Mutex
	version int64
	entries map[K]V
}

// Get answers the value kept for key under version.
func (c *Cache[K, V]) Get(version int64, key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.entries[key]
	return v, ok && c.version == version
}

// Put keeps v for key as read under version; a later version drops every entry of
// an earlier one, and an entry read under an earlier version than the cache's is
// not kept.
func (c *Cache[K, V]) Put(version int64, key K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case version < c.version:
		return
	case version > c.version || c.entries == nil || (c.Limit > 0 && len(c.entries) >= c.Limit):
		c.version, c.entries = version, map[K]V{}
	}
	c.entries[key] = v
}

// Read answers the value for key from the cache under version, or through read,
// keeping what read answers without an error.
func Read[K comparable, V any](c *Cache[K, V], version int64, key K, read func() (V, error)) (V, error) {
	if v, ok := c.Get(version, key); ok {
		return v, nil
	}
	v, err := read()
	if err == nil {
		c.Put(version, key, v)
	}
	return v, err
}
