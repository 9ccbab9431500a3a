package jobs_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/jobs"
)

// TestLoopsRunUntilStop: a loop starts with the runner and has returned when Stop does,
// so nothing touches the database after it closes.
func TestLoopsRunUntilStop(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		var started, ended atomic.Bool
		running := make(chan struct{})
		loop := func(ctx context.Context) {
			started.Store(true)
			close(running)
			<-ctx.Done()
			ended.Store(true)
		}
		r, err := jobs.Start(context.Background(), d, jobs.Options{Loops: []jobs.Loop{loop}})
		if err != nil {
			t.Fatal(err)
		}
		<-running
		r.Stop()
		if !started.Load() || !ended.Load() {
			t.Errorf("started %v, ended %v", started.Load(), ended.Load())
		}
	})
}
