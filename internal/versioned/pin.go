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
	if a, ok := ctx.Value(aheadKey{}).(*pin); ok {
		p.version, p.read = a.settled()
	}
	return context.WithValue(ctx, pinKey{}, p)
}

// aheadKey holds, as a pin of its own, the version read ahead of a request's spans.
type aheadKey struct{}

// settled is the version p settled on, and whether it has.
func (p *pin) settled() (int64, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.version, p.read
}

// Ahead answers ctx with room for the version read ahead of the spans in it. A staff
// request's sign-in check reads the schedule version in the statement that reads its
// own (one round trip for both) and offers it here; the booking it leads to pins it
// where it read the version again. It is as fresh as a pin's own first read would
// have been a few microseconds later; use it only for a request whose spans are
// pinned reads, as a booking's plan is.
func Ahead(ctx context.Context) context.Context {
	return context.WithValue(ctx, aheadKey{}, &pin{})
}

// Offer keeps v as the version read ahead in ctx; nothing without room for it (Ahead).
func Offer(ctx context.Context, v int64) {
	a, ok := ctx.Value(aheadKey{}).(*pin)
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
