package jobs

import (
	"context"
	"sync"
)

// Loop is work that runs for the runner's whole life beside River, until its context
// ends: a relay whose lag must not wait on River's own scheduling (on SQLite each of
// River's steps — electing, enqueueing, fetching, completing — queues at the one
// writer behind every request, and under load a periodic job ran seconds late).
type Loop func(ctx context.Context)

// loops are the started Loops.
type loops struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func startLoops(fns []Loop) *loops {
	ctx, cancel := context.WithCancel(context.Background())
	l := &loops{cancel: cancel}
	for _, fn := range fns {
		l.wg.Go(func() { fn(ctx) })
	}
	return l
}

// stop ends the loops and waits for them.
func (l *loops) stop() {
	if l == nil {
		return
	}
	l.cancel()
	l.wg.Wait()
}
