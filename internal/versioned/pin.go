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
func Pin(ctx context.Context) context.Context {
	return context.WithValue(ctx, pinKey{}, &pin{})
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
