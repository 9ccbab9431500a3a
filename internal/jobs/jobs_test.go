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

// TestPeriodicJobsRun shows every registered periodic job runs on each database and
// Stop returns.
func TestPeriodicJobsRun(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		var dispatched, swept atomic.Int32
		r, err := jobs.Start(context.Background(), d, jobs.Options{Periodic: []jobs.Periodic{
			{Name: "dispatch", Every: 200 * time.Millisecond, Run: jobs.Drain(200*time.Millisecond,
				func(context.Context) (int, error) { dispatched.Add(1); return 0, nil })},
			{Name: "sweep", Every: 300 * time.Millisecond, Run: func(context.Context) error { swept.Add(1); return nil }},
		}})
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
			r, err := jobs.Start(context.Background(), d, jobs.Options{Periodic: []jobs.Periodic{
				{Name: "sweep", Every: time.Minute, Run: func(context.Context) error { return nil }}}})
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

// TestPeriodicJobsRefused: a job without a name, a period or work, or a name used
// twice, stops the runner from starting rather than never running.
func TestPeriodicJobsRefused(t *testing.T) {
	d := dbtest.New(t)
	run := func(context.Context) error { return nil }
	for name, p := range map[string][]jobs.Periodic{
		"no name":   {{Every: time.Second, Run: run}},
		"no period": {{Name: "a", Run: run}},
		"no work":   {{Name: "a", Every: time.Second}},
		"twice":     {{Name: "a", Every: time.Second, Run: run}, {Name: "a", Every: time.Minute, Run: run}},
	} {
		if r, err := jobs.Start(context.Background(), d, jobs.Options{Periodic: p}); err == nil {
			r.Stop()
			t.Errorf("%s: started", name)
		}
	}
}
