package booking

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

const selectBranchRules = `SELECT slot_step_minutes, min_notice_minutes, horizon_days, buffer_minutes,
	change_window_minutes, hold_minutes FROM booking_rules WHERE branch_id = ?`

// branchRules are the branch's rules, DefaultRules when none were set.
func (s schedStore) branchRules(ctx context.Context, branchID string) (Rules, error) {
	var m RuleMinutes
	err := db.Get(ctx, s.db.R, &m, selectBranchRules, branchID)
	if schedNotFound(err) {
		return DefaultRules(), nil
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
