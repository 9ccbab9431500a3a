package schedule

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// RuleMinutes are a branch's booking rules as owners set them, in whole minutes and days.
type RuleMinutes struct {
	StepMinutes         int `db:"slot_step_minutes"`
	MinNoticeMinutes    int `db:"min_notice_minutes"`
	HorizonDays         int `db:"horizon_days"`
	BufferMinutes       int `db:"buffer_minutes"`
	ChangeWindowMinutes int `db:"change_window_minutes"`
	HoldMinutes         int `db:"hold_minutes"`
}

// RuleOverrides are a service's departures from its branch's rules; nil inherits.
type RuleOverrides struct {
	StepMinutes         *int `db:"slot_step_minutes"`
	MinNoticeMinutes    *int `db:"min_notice_minutes"`
	HorizonDays         *int `db:"horizon_days"`
	BufferMinutes       *int `db:"buffer_minutes"`
	ChangeWindowMinutes *int `db:"change_window_minutes"`
}

// Rules turns minutes into the engine's rules.
func (m RuleMinutes) Rules() booking.Rules {
	return booking.Rules{Step: minutesDur(m.StepMinutes), MinNotice: minutesDur(m.MinNoticeMinutes), HorizonDays: m.HorizonDays,
		Buffer: minutesDur(m.BufferMinutes), ChangeWindow: minutesDur(m.ChangeWindowMinutes), HoldTTL: minutesDur(m.HoldMinutes)}
}

// MinutesOf is the inverse of RuleMinutes.Rules.
func MinutesOf(r booking.Rules) RuleMinutes {
	return RuleMinutes{StepMinutes: int(r.Step / time.Minute), MinNoticeMinutes: int(r.MinNotice / time.Minute),
		HorizonDays: r.HorizonDays, BufferMinutes: int(r.Buffer / time.Minute),
		ChangeWindowMinutes: int(r.ChangeWindow / time.Minute), HoldMinutes: int(r.HoldTTL / time.Minute)}
}

func minutesDur(n int) time.Duration { return time.Duration(n) * time.Minute }

// apply returns r with the overrides that are set.
func (o RuleOverrides) apply(r booking.Rules) booking.Rules {
	m := MinutesOf(r)
	overrideIf(&m.StepMinutes, o.StepMinutes)
	overrideIf(&m.MinNoticeMinutes, o.MinNoticeMinutes)
	overrideIf(&m.HorizonDays, o.HorizonDays)
	overrideIf(&m.BufferMinutes, o.BufferMinutes)
	overrideIf(&m.ChangeWindowMinutes, o.ChangeWindowMinutes)
	return m.Rules()
}

func overrideIf(to, from *int) {
	if from != nil {
		*to = *from
	}
}

// ruleRange is the range the database accepts for one rule (the CHECK constraints).
type ruleRange struct {
	field    string
	min, max int
}

var (
	stepRange         = ruleRange{"slot_step_minutes", 5, 240}
	noticeRange       = ruleRange{"min_notice_minutes", 0, 43200}
	horizonRange      = ruleRange{"horizon_days", 1, 366}
	bufferRange       = ruleRange{"buffer_minutes", 0, 240}
	changeWindowRange = ruleRange{"change_window_minutes", 0, 43200}
	holdRange         = ruleRange{"hold_minutes", 1, 60}
)

func (r ruleRange) check(p *schedProblems, v *int) {
	if v != nil && (*v < r.min || *v > r.max) {
		p.add(r.field, "range", fmt.Sprintf("must be from %d to %d", r.min, r.max))
	}
}

// BranchRules returns a branch's rules, the defaults until they are set.
func (s *Service) BranchRules(ctx context.Context, branchID string) (RuleMinutes, error) {
	if _, err := s.dir.Branch(ctx, branchID); err != nil {
		return RuleMinutes{}, err
	}
	r, err := s.store.branchRules(ctx, branchID)
	return MinutesOf(r), err
}

// SetBranchRules replaces a branch's rules (owners and admins).
func (s *Service) SetBranchRules(ctx context.Context, branchID string, m RuleMinutes) (RuleMinutes, error) {
	if err := s.administrableBranch(ctx, branchID); err != nil {
		return RuleMinutes{}, err
	}
	var p schedProblems
	for _, c := range []struct {
		r ruleRange
		v int
	}{{stepRange, m.StepMinutes}, {noticeRange, m.MinNoticeMinutes}, {horizonRange, m.HorizonDays},
		{bufferRange, m.BufferMinutes}, {changeWindowRange, m.ChangeWindowMinutes}, {holdRange, m.HoldMinutes}} {
		c.r.check(&p, &c.v)
	}
	if err := p.err(fault.Invalid); err != nil {
		return RuleMinutes{}, err
	}
	return m, s.store.upsertBranchRules(ctx, branchID, m, s.clock())
}

// ServiceRules returns a service's overrides (all nil until set).
func (s *Service) ServiceRules(ctx context.Context, serviceID string) (RuleOverrides, error) {
	if _, err := s.dir.Procedure(ctx, serviceID); err != nil {
		return RuleOverrides{}, err
	}
	return s.store.serviceRules(ctx, serviceID)
}

// SetServiceRules replaces a service's overrides (owners and admins).
func (s *Service) SetServiceRules(ctx context.Context, serviceID string, o RuleOverrides) (RuleOverrides, error) {
	if _, err := s.dir.Procedure(ctx, serviceID); err != nil {
		return RuleOverrides{}, err
	}
	if err := mayAdminister(ctx); err != nil {
		return RuleOverrides{}, err
	}
	var p schedProblems
	stepRange.check(&p, o.StepMinutes)
	noticeRange.check(&p, o.MinNoticeMinutes)
	horizonRange.check(&p, o.HorizonDays)
	bufferRange.check(&p, o.BufferMinutes)
	changeWindowRange.check(&p, o.ChangeWindowMinutes)
	if err := p.err(fault.Invalid); err != nil {
		return RuleOverrides{}, err
	}
	return o, s.store.upsertServiceRules(ctx, serviceID, o, s.clock())
}
