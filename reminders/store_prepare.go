package reminders

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// selectRules is what of a branch's settings may change a new visit's plans: its
// reminder rules and whether it confirms bookings from the visit's source.
const selectRules = `SELECT COALESCE((SELECT settings FROM reminder_settings WHERE branch_id = ?), '') AS settings,
	COALESCE((SELECT enabled FROM booking_confirmations WHERE branch_id = ? AND source = ?), TRUE) AS confirm_booking`

// rules reads the branch's rules for source on a reader.
func (s store) rules(ctx context.Context, branchID string, source visit.Source) (branchRules, error) {
	var r branchRules
	return r, db.Get(ctx, s.db.R, &r, selectRules, branchID, branchID, source)
}

// rulesIn reads the branch's rules for source on tx.
func (s store) rulesIn(ctx context.Context, tx db.Tx, branchID string, source visit.Source) (branchRules, error) {
	var r branchRules
	return r, s.hot.Get(ctx, tx, &r, selectRules, branchID, branchID, source)
}
