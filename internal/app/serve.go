package app

import (
	"context"
	"fmt"
	"net"
	"time"
)

// Serve serves HTTP on ln until ctx ends, then stops accepting and gives requests in
// flight up to grace to finish.
func (a *App) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	served := make(chan error, 1)
	go func() { served <- a.HTTP.Listener(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	a.cfg.Log.Info("shutting down", "grace", grace.String())
	if err := a.HTTP.ShutdownWithTimeout(grace); err != nil {
		a.cfg.Log.Warn("shutdown cut in-flight requests short", "err", err)
	}
	<-served
	return nil
}
