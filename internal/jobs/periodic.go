package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// Periodic is one kind of background work, run every Every.
type Periodic struct {
	// Name identifies the job in River's table and in logs (e.g. outbox_dispatch).
	Name  string
	Every time.Duration
	// Attempts bounds River's retries of one run (default 3); work soon replaced by
	// the next period's needs few.
	Attempts int
	// Run does one period's work. It may loop for up to Every to drain a backlog, so
	// runs of one job seldom overlap.
	Run func(ctx context.Context) error
}

// periodicArgs names the registered job a River row stands for: one River kind serves
// every periodic job, so internal/app can add jobs without a type per job here.
type periodicArgs struct {
	Name string `json:"name"`
}

// Kind names the job in River's table.
func (periodicArgs) Kind() string { return "periodic" }

type periodicWorker struct {
	river.WorkerDefaults[periodicArgs]
	byName map[string]Periodic
}

// Work runs the registered job the row names; a failure is retried with River's backoff.
func (w *periodicWorker) Work(ctx context.Context, j *river.Job[periodicArgs]) error {
	p, ok := w.byName[j.Args.Name]
	if !ok {
		// A row queued by an instance that knew a job this one does not (a rolling
		// upgrade): cancel it rather than retry it forever.
		return river.JobCancel(fmt.Errorf("no periodic job %q on this instance", j.Args.Name))
	}
	return p.Run(ctx)
}

// config registers the worker and the periodic jobs. Completed jobs are kept only an
// hour: the dispatch alone completes 1 800 an hour.
func config(o Options) (*river.Config, error) {
	workers := river.NewWorkers()
	byName := map[string]Periodic{}
	var periodic []*river.PeriodicJob
	for _, p := range o.Periodic {
		if _, dup := byName[p.Name]; dup || p.Name == "" || p.Every <= 0 || p.Run == nil {
			return nil, fmt.Errorf("jobs: periodic job %q: name must be unique, period positive, Run set", p.Name)
		}
		byName[p.Name] = p
		periodic = append(periodic, every(p))
	}
	river.AddWorker(workers, &periodicWorker{byName: byName})
	return &river.Config{
		Queues:                      map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:                     workers,
		PeriodicJobs:                periodic,
		CompletedJobRetentionPeriod: time.Hour,
		JobTimeout:                  2 * time.Minute,
		Logger:                      o.Log,
	}, nil
}

func every(p Periodic) *river.PeriodicJob {
	attempts := p.Attempts
	if attempts <= 0 {
		attempts = 3
	}
	args := periodicArgs{Name: p.Name}
	return river.NewPeriodicJob(river.PeriodicInterval(p.Every),
		func() (river.JobArgs, *river.InsertOpts) { return args, &river.InsertOpts{MaxAttempts: attempts} },
		&river.PeriodicJobOpts{ID: p.Name, RunOnStart: true})
}

// Drain is a Run that calls round until it reports nothing left or budget has passed,
// so a backlog drains at full speed within one period.
func Drain(budget time.Duration, round func(ctx context.Context) (int, error)) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		stop := time.Now().Add(budget)
		for time.Now().Before(stop) {
			n, err := round(ctx)
			if err != nil || n == 0 {
				return err
			}
		}
		return nil
	}
}
