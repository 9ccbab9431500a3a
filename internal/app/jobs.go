package app

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/jobs"
)

// Intervals are the periods of the periodic jobs; zero values take the defaults.
type Intervals struct {
	// Events: visit events reach their subscribers (default 1 s).
	Events time.Duration
	// Dispatch: due outbox rows are sent (default 2 s).
	Dispatch time.Duration
	// Sweep: reminders coming due are queued and stale ones withdrawn (default 1 min).
	Sweep time.Duration
	// Calls: phone-system events reach their calls and callbacks (default 1 s).
	Calls time.Duration
	// Digests: the supplies boards' daily digests are checked for (default 10 min).
	Digests time.Duration
	// Maintenance: due maintenance jobs become tasks, overdue ones escalate (default 1 min).
	Maintenance time.Duration
	// Reviews: every Google review source is polled for new and edited reviews (default 15 min).
	Reviews time.Duration
	// Recall: due recalls and treatment stages are sent (default 10 min).
	Recall time.Duration
	// Replies: replies whose visit action a crash left owing are acted on (default 1 min).
	Replies time.Duration
	// Figures: stale figure days are recounted, today's too when due (default 1 min).
	Figures time.Duration
	// FiguresDigest: the owners' weekly digests are checked for (default 15 min).
	FiguresDigest time.Duration
}

func (i *Intervals) defaults() {
	if i.Events <= 0 {
		i.Events = time.Second
	}
	if i.Dispatch <= 0 {
		i.Dispatch = 2 * time.Second
	}
	if i.Sweep <= 0 {
		i.Sweep = time.Minute
	}
	if i.Calls <= 0 {
		i.Calls = time.Second
	}
	if i.Digests <= 0 {
		i.Digests = 10 * time.Minute
	}
	if i.Maintenance <= 0 {
		i.Maintenance = time.Minute
	}
	if i.Reviews <= 0 {
		i.Reviews = 15 * time.Minute
	}
	if i.Recall <= 0 {
		i.Recall = 10 * time.Minute
	}
	if i.Replies <= 0 {
		i.Replies = time.Minute
	}
	if i.Figures <= 0 {
		i.Figures = time.Minute
	}
	if i.FiguresDigest <= 0 {
		i.FiguresDigest = 15 * time.Minute
	}
}

// periodic is the one list of background work. Each drains its backlog for up to one
// period per run, so a burst of bookings is delivered at full speed.
func (a *App) periodic() []jobs.Periodic {
	every := a.cfg.Every
	return []jobs.Periodic{
		// Follow keeps delivering for the whole period, looking for new events every 50 ms.
		{Name: "visit_events", Every: every.Events, Run: func(ctx context.Context) error { return a.Events.Follow(ctx, every.Events) }},
		// A failed dispatch is soon replaced by the next period's: one retry is enough.
		{Name: "outbox_dispatch", Every: every.Dispatch, Attempts: 2, Run: jobs.Drain(every.Dispatch, a.Dispatcher.RunOnce)},
		{Name: "call_signals", Every: every.Calls, Run: jobs.Drain(every.Calls, a.Telephony.ProcessOnce)},
		// Each board's digest goes once a day (keyed by the local date); checking every
		// few minutes sends it soon after 08:00 in every zone.
		{Name: "stock_digest", Every: every.Digests, Attempts: 3, Run: func(ctx context.Context) error {
			_, err := a.Inventory.SendDigests(ctx)
			return err
		}},
		{Name: "reminder_sweep", Every: every.Sweep, Attempts: 5, Run: func(ctx context.Context) error {
			_, err := a.Reminders.Sweep(ctx)
			return err
		}},
		{Name: "maintenance_sweep", Every: every.Maintenance, Attempts: 5, Run: a.Maintenance.Sweep},
		// A site's failure stays on its source (last_error); the next period tries again.
		{Name: "review_poll", Every: every.Reviews, Attempts: 2, Run: a.ReviewMonitor.PollAll},
		// A reply stored but not acted on (the process died in between) is acted on.
		{Name: "inbound_replies", Every: every.Replies, Attempts: 3, Run: func(ctx context.Context) error {
			_, err := a.Inbox.ActOnUnacted(ctx)
			return err
		}},
		// Days visit events made stale are recounted; today regularly; the week before nightly.
		{Name: "figures_refresh", Every: every.Figures, Attempts: 3, Run: func(ctx context.Context) error {
			_, err := a.Figures.Refresh(ctx)
			return err
		}},
		// Each owner's digest of a branch's week goes once (keyed by branch, owner and ISO
		// week); checking every quarter hour sends it soon after 07:00 on Monday in every zone.
		{Name: "figures_digest", Every: every.FiguresDigest, Attempts: 3, Run: func(ctx context.Context) error {
			_, err := a.Figures.SendDigests(ctx)
			return err
		}},
		// Each recall goes once per due date (keyed), in the branch's daytime.
		{Name: "recall_sweep", Every: every.Recall, Attempts: 3, Run: func(ctx context.Context) error {
			_, err := a.Recall.Sweep(ctx)
			return err
		}},
	}
}

// StartJobs starts River with the periodic jobs over the app's database. Stop the
// runner before the database closes.
func (a *App) StartJobs(ctx context.Context) (*jobs.Runner, error) {
	// The visit events relay also runs as a loop of its own, so its lag does not wait on River.
	return jobs.Start(ctx, a.DB, jobs.Options{Log: a.cfg.Log, Periodic: a.periodic(), Loops: []jobs.Loop{a.Events.Run}})
}
