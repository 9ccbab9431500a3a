package figures

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Rebuild counts one branch day again from the stored rows and replaces its facts and
// sums in one transaction. The day's frozen facts are collected on the first rebuild
// made on that day itself and kept by every later one. A rebuild that collected before
// another one that has already written gives way to it (the newer reading wins).
func (s *Service) Rebuild(ctx context.Context, branchID, date string) error {
	b, err := s.branch(ctx, branchID)
	if err != nil {
		return err
	}
	d, err := DayOf(date, b.Zone)
	if err != nil {
		return err
	}
	started := s.deps.Clock().UTC()
	facts, err := s.collect(ctx, b, d, false)
	if err != nil {
		return err
	}
	var frozen []Fact
	if date == s.today(b) {
		if frozen, err = s.collectFrozen(ctx, b, d); err != nil {
			return err
		}
	}
	return s.deps.DB.InTx(ctx, func(tx db.Tx) error { return s.replaceDay(ctx, tx, b, d, started, facts, frozen) })
}

// collect runs every collector that is (or is not) frozen over the day.
func (s *Service) collect(ctx context.Context, b Branch, d Day, frozen bool) ([]Fact, error) {
	var all []Fact
	for _, c := range s.collectors {
		if c.Frozen != frozen {
			continue
		}
		facts, err := c.Collect(ctx, s.deps.DB.R, b, d)
		if err != nil {
			return nil, fmt.Errorf("figures: %s on %s: %w", c.Name, d.Date, err)
		}
		for i := range facts {
			facts[i].BranchID, facts[i].Day, facts[i].Frozen = b.ID, d.Date, frozen
		}
		all = append(all, facts...)
	}
	return all, nil
}

// collectFrozen collects the frozen facts when the day has none yet. The answer is nil
// when the day is already frozen and never nil when it is to be frozen now, even with no
// facts: a morning with nothing critical is a baseline of zero, kept like any other.
func (s *Service) collectFrozen(ctx context.Context, b Branch, d Day) ([]Fact, error) {
	var n int
	if err := db.Get(ctx, s.deps.DB.R, &n, sqlFrozenRuns, b.ID, d.Date); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, nil
	}
	facts, err := s.collect(ctx, b, d, true)
	if facts == nil && err == nil {
		facts = []Fact{}
	}
	return facts, err
}

// replaceDay writes the day's facts and sums unless a newer reading has been written.
func (s *Service) replaceDay(ctx context.Context, tx db.Tx, b Branch, d Day, started time.Time, facts, frozen []Fact) error {
	newer, err := claimRun(ctx, tx, b.ID, d.Date, started)
	if err != nil || newer {
		return err
	}
	if err := db.Exec(ctx, tx, sqlDeleteFacts, b.ID, d.Date); err != nil {
		return err
	}
	if err := insertFacts(ctx, tx, facts); err != nil {
		return err
	}
	if frozen != nil {
		if err := freeze(ctx, tx, b.ID, d.Date, started, frozen); err != nil {
			return err
		}
	}
	if err := db.Exec(ctx, tx, sqlDeleteDays, b.ID, d.Date); err != nil {
		return err
	}
	week, month := periodKeys(d.Date)
	return db.Exec(ctx, tx, sqlSumDay, week, month, b.ID, d.Date, week, month, b.ID, d.Date, week, month, b.ID, d.Date)
}

// claimRun stamps the day's run with this reading's start; newer says another reading,
// started later, has already been written (this one gives way).
func claimRun(ctx context.Context, tx db.Tx, branchID, date string, started time.Time) (newer bool, err error) {
	err = db.ExecOne(ctx, tx, sqlClaimRun, branchID, date, started)
	if errors.Is(err, db.ErrNotFound) {
		return true, nil
	}
	return false, err
}

// freeze stores the day's frozen facts once: the run row is marked in the same
// transaction, so a second rebuild racing this one stores none.
func freeze(ctx context.Context, tx db.Tx, branchID, date string, at time.Time, frozen []Fact) error {
	err := db.ExecOne(ctx, tx, sqlFreezeRun, at, branchID, date)
	if errors.Is(err, db.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return insertFacts(ctx, tx, frozen)
}

// RebuildRange rebuilds every day of a branch from..to (local dates, at most 400 days)
// and answers how many days it rebuilt.
func (s *Service) RebuildRange(ctx context.Context, branchID, from, to string) (int, error) {
	ps, err := periodsOf(from, to, "day")
	if err != nil {
		return 0, fault.Field("to", "range", "must be a date from from to 400 days after it")
	}
	for _, p := range ps {
		if err := s.Rebuild(ctx, branchID, p.From); err != nil {
			return 0, err
		}
	}
	return len(ps), nil
}
