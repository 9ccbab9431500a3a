package reminders

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// sweepBatch is how many plans one sweep transaction handles; sweepBudget bounds one
// sweep, so a backlog (thousands of visits whose 3-day reminder falls at 12:00) is
// worked off over a few runs, well inside queueAhead.
const (
	sweepBatch  = 200
	sweepBudget = 20 * time.Second
)

// SweepResult counts what one sweep did.
type SweepResult struct {
	Queued  int
	Expired int
}

// Sweep moves plans forward: it marks sent ones, withdraws the reminders of visits that
// no longer need them, and queues the plans coming due within queueAhead (also any
// queued plan whose outbox row is missing). Every step is safe to repeat.
func (s *Service) Sweep(ctx context.Context) (SweepResult, error) {
	var res SweepResult
	now := s.clock()
	if err := s.store.markSent(ctx, now); err != nil {
		return res, err
	}
	stop := time.Now().Add(sweepBudget) // wall time: the budget bounds the job, not the clinic's clock
	for time.Now().Before(stop) {
		n, err := s.expireBatch(ctx)
		res.Expired += n
		if err != nil || n < sweepBatch {
			break
		}
	}
	for time.Now().Before(stop) {
		n, err := s.queueBatch(ctx)
		res.Queued += n
		if err != nil || n < sweepBatch {
			return res, err
		}
	}
	return res, nil
}

func (s *Service) expireBatch(ctx context.Context) (int, error) {
	now := s.clock()
	ids, err := s.store.stale(ctx, now.Add(queueAhead), now, sweepBatch)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return len(ids), s.db.InTx(ctx, func(tx db.Tx) error {
		for _, id := range ids {
			if _, err := s.withdraw(ctx, tx, id); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Service) queueBatch(ctx context.Context) (int, error) {
	plans, err := s.store.toQueue(ctx, s.clock().Add(queueAhead), sweepBatch)
	if err != nil || len(plans) == 0 {
		return 0, err
	}
	return len(plans), s.db.InTx(ctx, func(tx db.Tx) error {
		for _, p := range plans {
			if err := s.queueOne(ctx, tx, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// queueOne gives a plan its outbox row, or withdraws the visit's reminders when the
// visit no longer needs them.
func (s *Service) queueOne(ctx context.Context, tx db.Tx, p Plan) error {
	v, err := s.store.visit(ctx, tx, p.AppointmentID)
	if err != nil {
		return err
	}
	now := s.clock()
	active := v.Status == string(visit.Booked) || v.Status == string(visit.Confirmed)
	if !active || !v.StartsAt.After(now) || !reachable(v) {
		_, err := s.withdraw(ctx, tx, p.AppointmentID)
		return err
	}
	if err := s.enqueue(ctx, tx, &v, p); err != nil {
		return err
	}
	if err := s.store.queued(ctx, tx, p, now); err != nil {
		return err
	}
	return s.planAfter(ctx, tx, v, p, now)
}

// planAfter writes the plans that follow p (bulk re-planning writes only each visit's
// next one); plans already there stay as they are.
func (s *Service) planAfter(ctx context.Context, tx db.Tx, v plannedVisit, p Plan, now time.Time) error {
	var later []Plan
	// Computed as of p's due time, p is the first: the ones after it keep the texts
	// they would have had from the start.
	for _, q := range plansFor(v, parseSettings(v.Settings), v.zone(), p.Version, p.DueAt.Add(-time.Nanosecond)) {
		if q.DueAt.After(p.DueAt) && q.DueAt.After(now) && q.Rule != p.Rule {
			q.UpdatedAt = now
			later = append(later, q)
		}
	}
	return s.store.insertPlans(ctx, tx, later)
}
