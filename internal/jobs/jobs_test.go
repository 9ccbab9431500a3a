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

// TestInstancesStartTogether: instances starting at once on a fresh PostgreSQL database
// migrate River's tables one at a time, and all start.
func TestInstancesStartTogether(t *testing.T) {
	d := dbtest.NewPostgres(t)
	errs := make(chan error, 3)
	runners := make(chan *jobs.Runner, 3)
	for range 3 {
		go func() {
			r, err := jobs.Start(context.Background(), d, jobs.Options{Sweep: func(context.Context) error { return nil }})
			errs <- err
			runners <- r
		}()
	}
	for range 3 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
		if r := <-runners; r != nil {
			defer r.Stop()
		}
	}
}
