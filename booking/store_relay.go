package booking

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

type relayStore struct{ db *db.DB }

// claimEvents leases the oldest open events to one relay in one statement. The guard
// is repeated outside the subquery on purpose: when two relays pick the same rows, the
// second one's update re-reads each row after the first commits (PostgreSQL re-checks
// the WHERE on the new row version; SQLite runs writers one at a time) and finds it
// claimed, so no event is leased twice.
const claimEvents = `UPDATE appointment_events SET claimed_until = ?, claim_token = ?, attempts = attempts + 1
	WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)
	AND id IN (SELECT id FROM appointment_events
		WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)
		ORDER BY id LIMIT ?)
	RETURNING id, appointment_id, kind, from_status, to_status, actor_kind, staff_id, reason, at, attempts`

// claim leases up to limit open events until leaseEnd and returns them oldest first
// (RETURNING keeps no order).
func (s relayStore) claim(ctx context.Context, token string, now, leaseEnd time.Time, limit int) ([]Event, error) {
	var out []Event
	err := db.Select(ctx, s.db.W, &out, claimEvents, leaseEnd, token, now, now, limit)
	slices.SortFunc(out, func(a, b Event) int { return cmp.Compare(a.ID, b.ID) })
	return out, err
}

// markDelivered closes an event for good; the claim token keeps a relay whose lease
// lapsed from touching a row another relay has taken since.
const markDelivered = `UPDATE appointment_events SET delivered_at = ?, claimed_until = NULL, last_error = ''
	WHERE id = ? AND claim_token = ? AND delivered_at IS NULL`

func (s relayStore) delivered(ctx context.Context, token string, id int64, at time.Time) error {
	return db.Exec(ctx, s.db.W, markDelivered, at, id, token)
}

// markFailed keeps the event open but leased until retryAt: the lease is the back-off.
const markFailed = `UPDATE appointment_events SET claimed_until = ?, last_error = ?
	WHERE id = ? AND claim_token = ? AND delivered_at IS NULL`

// maxErrorText bounds what a failure leaves in the row.
const maxErrorText = 500

func (s relayStore) failed(ctx context.Context, token string, id int64, reason string, retryAt time.Time) error {
	if len(reason) > maxErrorText {
		reason = strings.ToValidUTF8(reason[:maxErrorText], "")
	}
	return db.Exec(ctx, s.db.W, markFailed, retryAt, reason, id, token)
}
