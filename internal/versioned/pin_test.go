package versioned

import (
	"context"
	"errors"
	"testing"
)

// counter is a version source that counts its reads and moves on after each.
type counter struct{ reads int64 }

func (c *counter) read() (int64, error) { c.reads++; return c.reads, nil }

// Inside a pin the version is read once and answered again; outside, every call reads.
func TestAPinReadsTheVersionOnce(t *testing.T) {
	var c counter
	pinned := Pin(context.Background())
	for range 3 {
		if v, err := Current(pinned, c.read); err != nil || v != 1 {
			t.Fatalf("pinned: version %d %v, want the first read's 1", v, err)
		}
	}
	if v, _ := Current(context.Background(), c.read); v != 2 {
		t.Fatalf("unpinned: version %d, want a fresh read (2)", v)
	}
	if v, _ := Current(Pin(context.Background()), c.read); v != 3 {
		t.Fatalf("a new pin answered %d, want a fresh read (3)", v)
	}
}

// A failed read is answered and pins nothing: the next call in the span reads again.
func TestAFailedReadPinsNothing(t *testing.T) {
	pinned := Pin(context.Background())
	down := errors.New("down")
	if _, err := Current(pinned, func() (int64, error) { return 0, down }); !errors.Is(err, down) {
		t.Fatalf("error %v, want the read's", err)
	}
	var c counter
	if v, err := Current(pinned, c.read); err != nil || v != 1 || c.reads != 1 {
		t.Fatalf("after a failed read: %d %v after %d reads, want a fresh read", v, err, c.reads)
	}
}

// A version offered ahead is where a later pin starts: no read. Without an offer, or
// without room for one, a pin reads as before.
func TestAPinStartsFromTheVersionReadAhead(t *testing.T) {
	var c counter
	ctx := Ahead(context.Background())
	if v, _ := Current(Pin(ctx), c.read); v != 1 {
		t.Fatalf("nothing offered: version %d, want a read (1)", v)
	}
	Offer(ctx, 7)
	pinned := Pin(ctx)
	for range 2 {
		if v, err := Current(pinned, c.read); err != nil || v != 7 || c.reads != 1 {
			t.Fatalf("offered 7: version %d %v after %d reads, want 7 and no read", v, err, c.reads)
		}
	}
	Offer(context.Background(), 9)
	if v, _ := Current(Pin(context.Background()), c.read); v != 2 {
		t.Fatalf("offered without room: version %d, want a read (2)", v)
	}
}
