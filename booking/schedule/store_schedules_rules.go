package schedule

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

const selectBranchRules = `SELECT slot_step_minutes, min_notice_minutes, horizon_days, buffer_minutes,
	change_window_minutes, hold_minutes FROM booking_rules WHERE branch_id = ?`

// branchRules are the branch's rules, DefaultRules when none were set.
func (s schedStore) branchRules(ctx context.Context, branchID string) (booking.Rules, error) {
	var m RuleMinutes
	err := db.Get(ctx, s.db.R, &m, selectBranchRules, branchID)
	if schedNotFound(err) {
		return booking.DefaultRules(), nil
	}
	return m.Rules(), err
}

const upsertBranchRules = `INSERT INTO booking_rules (branch_id, slot_step_minutes, min_notice_minutes,
	horizon_days, buffer_minutes, change_window_minutes, hold_minutes, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (branch_id) DO UPDATE SET slot_step_minutes = excluded.slot_step_minutes,
	min_notice_minutes = excluded.min_notice_minutes, horizon_days = excluded.horizon_days,
	buffer_minutes = excluded.buffer_minutes, change_window_minutes = excluded.change_window_minutes,
	hold_minutes = excluded.hold_minutes, updated_at = excluded.updated_at`

func (s schedStore) upsertBranchRules(ctx context.Context, branchID string, m RuleMinutes, now time.Time) error {
	return db.Exec(ctx, s.db.W, upsertBranchRules, branchID, m.StepMinutes, m.MinNoticeMinutes, m.HorizonDays,
		m.BufferMinutes, m.ChangeWindowMinutes, m.HoldMinutes, now)
}

const selectServiceRules = `SELECT slot_step_minutes, min_notice_minutes, horizon_days, buffer_minutes,
	change_window_minutes FROM service_booking_rules WHERE service_id = ?`

// serviceRules are the service's overrides, none when none were set.
func (s schedStore) serviceRules(ctx context.Context, serviceID string) (RuleOverrides, error) {
	var o RuleOverrides
	err := db.Get(ctx, s.db.R, &o, selectServiceRules, serviceID)
	if schedNotFound(err) {
		return RuleOverrides{}, nil
	}
	return o, err
}

const upsertServiceRules = `INSERT INTO service_booking_rules (service_id, slot_step_minutes, min_notice_minutes,
	horizon_days, buffer_minutes, change_window_minutes, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (service_id) DO UPDATE SET slot_step_minutes = excluded.slot_step_minutes,
	min_notice_minutes = excluded.min_notice_minutes, horizon_days = excluded.horizon_days,
	buffer_minutes = excluded.buffer_minutes, change_window_minutes = excluded.change_window_minutes,
	updated_at = excluded.updated_at`

func (s schedStore) upsertServiceRules(ctx context.Context, serviceID string, o RuleOverrides, now time.Time) error {
	return db.Exec(ctx, s.db.W, upsertServiceRules, serviceID, o.StepMinutes, o.MinNoticeMinutes, o.HorizonDays,
		o.BufferMinutes, o.ChangeWindowMinutes, now)
}

// selectRulesFor reads a branch's rules and a service's overrides in one round trip;
// NULL branch columns mean the branch has none set.
const selectRulesFor = `SELECT b.slot_step_minutes AS b_step, b.min_notice_minutes AS b_notice,
	b.horizon_days AS b_horizon, b.buffer_minutes AS b_buffer, b.change_window_minutes AS b_change,
	b.hold_minutes AS b_hold, s.slot_step_minutes, s.min_notice_minutes, s.horizon_days, s.buffer_minutes,
	s.change_window_minutes
	FROM (SELECT 1 AS one) x
	LEFT JOIN booking_rules b ON b.branch_id = ?
	LEFT JOIN service_booking_rules s ON s.service_id = ?`

type rulesForRow struct {
	Step         *int `db:"b_step"`
	MinNotice    *int `db:"b_notice"`
	HorizonDays  *int `db:"b_horizon"`
	Buffer       *int `db:"b_buffer"`
	ChangeWindow *int `db:"b_change"`
	Hold         *int `db:"b_hold"`
	RuleOverrides
}

// rulesFor is the branch's rules (DefaultRules when none were set) with the
// service's overrides applied.
func (s schedStore) rulesFor(ctx context.Context, branchID, serviceID string) (booking.Rules, error) {
	var r rulesForRow
	st, err := s.prepared(ctx, selectRulesFor)
	if err != nil {
		return booking.Rules{}, err
	}
	if err := db.Map(st.GetContext(ctx, &r, branchID, serviceID)); err != nil {
		return booking.Rules{}, err
	}
	base := booking.DefaultRules()
	if r.Step != nil {
		base = RuleMinutes{StepMinutes: *r.Step, MinNoticeMinutes: *r.MinNotice, HorizonDays: *r.HorizonDays,
			BufferMinutes: *r.Buffer, ChangeWindowMinutes: *r.ChangeWindow, HoldMinutes: *r.Hold}.Rules()
	}
	return r.RuleOverrides.apply(base), nil
}
