package versioned

import (
	"context"
	"sync"
)

type pinKey struct{}

// pin is the version one span of reads settled on.
type pin struct {
	mu      sync.Mutex
	version int64
	read    bool
}

// Pin answers ctx with a pin: the first Current in it reads the version and every
// later one answers the same, so the lookups made for one decision (a booking's
// service, doctor, branch, working window and rules) stand under one version and
// cost one read where each read its own. Pin only a span that reads: a write to
// what the version covers, made inside it, would not be seen by later lookups.
//
// When ctx holds the version read ahead (Ahead), the pin starts from it.
func Pin(ctx context.Context) context.Context {
	p := &pin{}
	if a, ok := ctx.Value(aheadKey{}).(*ahead); ok {
		p.version, p.read = a.get()
	}
	return context.WithValue(ctx, pinKey{}, p)
}

type aheadKey struct{}

// ahead is the version read ahead of the spans of one request.
type ahead struct {
	mu      sync.Mutex
	version int64
	read    bool
}

func (a *ahead) get() (int64, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.version, a.read
}

// Ahead answers ctx with room for the version read ahead of the spans in it. A staff
// request's sign-in check reads the schedule version in the statement that reads its
// own (one round trip for both) and offers it here; the booking it leads to pins it
// where it read the version again. It is as fresh as a pin's own first read would
// have been a few microseconds later; use it only for a request whose spans are
// pinned reads, as a booking's plan is.
func Ahead(ctx context.Context) context.Context {
	return context.WithValue(ctx, aheadKey{}, &ahead{})
}

// Offer keeps v as the version read ahead in ctx; nothing without room for it (Ahead).
func Offer(ctx context.Context, v int64) {
	a, ok := ctx.Value(aheadKey{}).(*ahead)
	if !ok {
		return
	}
	a.mu.Lock()
	a.version, a.read = v, true
	a.mu.Unlock()
}

// Current answers the version pinned in ctx, reading it through read the first time;
// outside a pinned ctx it reads every time. A failed read pins nothing.
func Current(ctx context.Context, read func() (int64, error)) (int64, error) {
	p, ok := ctx.Value(pinKey{}).(*pin)
	if !ok {
		return read()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.read {
		return p.version, nil
	}
	v, err := read()
	if err == nil {
		p.version, p.read = v, true
	}
	return v, err
}
