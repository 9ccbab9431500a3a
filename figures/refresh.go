package figures

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// Refresh's pace: today is recounted when its last rebuild is older than TodayEvery
// (calls, tasks and stock moves raise no visit event); the nightly pass runs after
// NightAfter local time and recounts the SettleDays before today, which completes
// figures counted later than their day (a caller's booking within 7 days).
const (
	TodayEvery = 10 * time.Minute
	NightAfter = 1 * time.Hour
	SettleDays = 8
	// staleBatch bounds one run's stale days; the next run takes the rest.
	staleBatch = 200
)

const (
	sqlStaleDays = `SELECT branch_id, day FROM figure_runs WHERE dirty_since IS NOT NULL
		ORDER BY dirty_since LIMIT ?`
	sqlActiveBranches = `SELECT id, time_zone FROM branches WHERE active = TRUE ORDER BY id`
	sqlRunOf          = `SELECT rebuilt_at, settled_at FROM figure_runs WHERE branch_id = ? AND day = ?`
	sqlSettle         = `UPDATE figure_runs SET settled_at = ? WHERE branch_id = ? AND day = ?`
)

// Refresh rebuilds what is stale: each day a visit event marked, each active branch's
// today when due (the first run after midnight freezes the day's baseline), and once a
// night the week before. It answers how many days it rebuilt.
func (s *Service) Refresh(ctx context.Context) (int, error) {
	n, err := s.refreshStale(ctx)
	if err != nil {
		return n, err
	}
	var branches []struct {
		ID   string `db:"id"`
		Zone string `db:"time_zone"`
	}
	if err := db.Select(ctx, s.deps.DB.R, &branches, sqlActiveBranches); err != nil {
		return n, err
	}
	for _, b := range branches {
		m, err := s.refreshBranch(ctx, b.ID, clinic.Zone(b.Zone))
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// refreshStale rebuilds the days visit events marked, oldest mark first.
func (s *Service) refreshStale(ctx context.Context) (int, error) {
	var stale []struct {
		BranchID string `db:"branch_id"`
		Day      string `db:"day"`
	}
	if err := db.Select(ctx, s.deps.DB.R, &stale, sqlStaleDays, staleBatch); err != nil {
		return 0, err
	}
	for i, d := range stale {
		if err := s.Rebuild(ctx, d.BranchID, d.Day); err != nil {
			return i, err
		}
	}
	return len(stale), nil
}

// run is what Refresh reads of one branch day's runs.
type run struct {
	RebuiltAt *time.Time `db:"rebuilt_at"`
	SettledAt *time.Time `db:"settled_at"`
}

// refreshBranch recounts the branch's today when due, and settles the week before
// once a night.
func (s *Service) refreshBranch(ctx context.Context, branchID string, zone *time.Location) (int, error) {
	now := s.deps.Clock().In(zone)
	today := now.Format(time.DateOnly)
	n := 0
	r, err := s.runOf(ctx, branchID, today)
	if err != nil {
		return 0, err
	}
	if r.RebuiltAt == nil || now.Sub(*r.RebuiltAt) >= TodayEvery {
		if err := s.Rebuild(ctx, branchID, today); err != nil {
			return 0, err
		}
		n++
	}
	if now.Sub(startOfDay(now)) < NightAfter {
		return n, nil
	}
	m, err := s.settle(ctx, branchID, now)
	return n + m, err
}

// settle recounts the SettleDays before today once, marking yesterday settled.
func (s *Service) settle(ctx context.Context, branchID string, now time.Time) (int, error) {
	yesterday := now.AddDate(0, 0, -1).Format(time.DateOnly)
	r, err := s.runOf(ctx, branchID, yesterday)
	if err != nil || r.SettledAt != nil {
		return 0, err
	}
	from := now.AddDate(0, 0, -SettleDays).Format(time.DateOnly)
	n, err := s.RebuildRange(ctx, branchID, from, yesterday)
	if err != nil {
		return n, err
	}
	return n, db.Exec(ctx, s.deps.DB.W, sqlSettle, s.deps.Clock().UTC(), branchID, yesterday)
}

// runOf reads a branch day's runs; a day never run has none.
func (s *Service) runOf(ctx context.Context, branchID, day string) (run, error) {
	var r run
	err := db.Get(ctx, s.deps.DB.R, &r, sqlRunOf, branchID, day)
	if errors.Is(err, db.ErrNotFound) {
		return run{}, nil
	}
	return r, err
}

// startOfDay is local midnight of t's day.
func startOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}
