package schedule

import "sync"

// basicsKey is what an answer's basics depend on besides the version.
type basicsKey struct{ branch, service, doctor string }

// versioned keeps values read under a schedule version for as long as it stands.
// Values are shared: nothing that reads them changes them.
type versioned[K comparable, V any] struct {
	mu      sync.Mutex
	version int64
	entries map[K]V
}

// get answers the value cached for key under version.
func (c *versioned[K, V]) get(version int64, key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.entries[key]
	return v, ok && c.version == version
}

// put keeps v for key as read under version; a later version drops every entry of
// an earlier one, and an entry read under an earlier version than the cache's is
// not kept.
func (c *versioned[K, V]) put(version int64, key K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case version < c.version:
		return
	case version > c.version || c.entries == nil:
		c.version, c.entries = version, map[K]V{}
	}
	c.entries[key] = v
}

// cached reads the value for key through read unless it is cached under version.
func cached[K comparable, V any](c *versioned[K, V], version int64, key K, read func() (V, error)) (V, error) {
	if v, ok := c.get(version, key); ok {
		return v, nil
	}
	v, err := read()
	if err == nil {
		c.put(version, key, v)
	}
	return v, err
}
