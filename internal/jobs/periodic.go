package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// dispatchArgs is the periodic outbox dispatch.
type dispatchArgs struct{}

// Kind names the job in River's table.
func (dispatchArgs) Kind() string { return "outbox_dispatch" }

// sweepArgs is the periodic reminder sweep.
type sweepArgs struct{}

// Kind names the job in River's table.
func (sweepArgs) Kind() string { return "reminder_sweep" }

type dispatchWorker struct {
	river.WorkerDefaults[dispatchArgs]
	dispatch func(ctx context.Context) (int, error)
	budget   time.Duration
}

// Work sends due rows round after round while there are any, for at most one period,
// so a backlog drains at full speed without two rounds of jobs overlapping much.
func (w *dispatchWorker) Work(ctx context.Context, _ *river.Job[dispatchArgs]) error {
	stop := time.Now().Add(w.budget)
	for time.Now().Before(stop) {
		n, err := w.dispatch(ctx)
		if err != nil || n == 0 {
			return err
		}
	}
	return nil
}

type sweepWorker struct {
	river.WorkerDefaults[sweepArgs]
	sweep func(ctx context.Context) error
}

// Work runs one sweep; a failure is retried with River's backoff.
func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[sweepArgs]) error {
	return w.sweep(ctx)
}

// Attempts of each job: a failed dispatch is soon replaced by the next period's, so it
// is retried once; a sweep is retried with backoff a few times.
const (
	dispatchAttempts = 2
	sweepAttempts    = 5
)

// config registers the workers and the periodic jobs. Completed jobs are kept only an
// hour: the dispatch alone completes 1 800 an hour.
func config(o Options) *river.Config {
	workers := river.NewWorkers()
	var periodic []*river.PeriodicJob
	if o.Dispatch != nil {
		river.AddWorker(workers, &dispatchWorker{dispatch: o.Dispatch, budget: o.DispatchEvery})
		periodic = append(periodic, every(o.DispatchEvery, dispatchArgs{}, dispatchAttempts))
	}
	if o.Sweep != nil {
		river.AddWorker(workers, &sweepWorker{sweep: o.Sweep})
		periodic = append(periodic, every(o.SweepEvery, sweepArgs{}, sweepAttempts))
	}
	return &river.Config{
		Queues:                      map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:                     workers,
		PeriodicJobs:                periodic,
		CompletedJobRetentionPeriod: time.Hour,
		JobTimeout:                  2 * time.Minute,
		Logger:                      o.Log,
	}
}

func every(d time.Duration, args river.JobArgs, attempts int) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d),
		func() (river.JobArgs, *river.InsertOpts) { return args, &river.InsertOpts{MaxAttempts: attempts} },
		&river.PeriodicJobOpts{ID: args.Kind(), RunOnStart: true})
}
