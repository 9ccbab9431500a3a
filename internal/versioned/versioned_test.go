package versioned

import (
	"errors"
	"testing"
)

// Two readers may put in either order: a cache moved on to a later version never
// takes back an entry read under an earlier one, and never answers for another version.
func TestTheLaterVersionStays(t *testing.T) {
	var c Cache[string, int]
	c.Put(5, "k", 50)
	c.Put(4, "k", 40)
	if v, ok := c.Get(5, "k"); !ok || v != 50 {
		t.Fatalf("version 5 entry %d %v", v, ok)
	}
	if _, ok := c.Get(6, "k"); ok {
		t.Fatal("an entry of version 5 answered for version 6")
	}
	c.Put(6, "other", 60)
	if _, ok := c.Get(5, "k"); ok {
		t.Fatal("version 6 kept an entry of version 5")
	}
}

// A failed read is answered but not kept: the next reader reads again.
func TestAFailedReadIsNotKept(t *testing.T) {
	var c Cache[string, int]
	reads := 0
	read := func(err error) func() (int, error) {
		return func() (int, error) { reads++; return reads, err }
	}
	if _, err := Read(&c, 1, "k", read(errors.New("down"))); err == nil {
		t.Fatal("the read's error was not answered")
	}
	if v, err := Read(&c, 1, "k", read(nil)); err != nil || v != 2 {
		t.Fatalf("after a failed read: %d %v, want a fresh read", v, err)
	}
	if v, _ := Read(&c, 1, "k", read(nil)); v != 2 || reads != 2 {
		t.Fatalf("a kept value read again: %d after %d reads", v, reads)
	}
}

// At its limit a cache starts over: the next entry is kept, the old ones are read again.
func TestALimitedCacheStartsOver(t *testing.T) {
	c := Cache[int, int]{Limit: 2}
	c.Put(1, 1, 10)
	c.Put(1, 2, 20)
	c.Put(1, 3, 30)
	if _, ok := c.Get(1, 1); ok {
		t.Fatal("a cache at its limit kept its old entries")
	}
	if v, ok := c.Get(1, 3); !ok || v != 30 {
		t.Fatalf("the entry put at the limit: %d %v", v, ok)
	}
}
