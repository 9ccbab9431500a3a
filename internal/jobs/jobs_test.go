package jobs_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/jobs"
)

// TestPeriodicJobsRun shows both periodic jobs run on each database and Stop returns.
func TestPeriodicJobsRun(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		var dispatched, swept atomic.Int32
		r, err := jobs.Start(context.Background(), d, jobs.Options{
			Dispatch:      func(context.Context) (int, error) { dispatched.Add(1); return 0, nil },
			Sweep:         func(context.Context) error { swept.Add(1); return nil },
			DispatchEvery: 200 * time.Millisecond, SweepEvery: 300 * time.Millisecond,
		})
		if err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(15 * time.Second)
		for (dispatched.Load() < 3 || swept.Load() < 2) && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		r.Stop()
		if dispatched.Load() < 3 || swept.Load() < 2 {
			t.Fatalf("dispatch ran %d times, sweep %d times", dispatched.Load(), swept.Load())
		}
	})
}
