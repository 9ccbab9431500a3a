package events

import (
	"cmp"
	"context"
	"crypto/rand"
	"slices"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

type store struct{ db *db.DB }

// claimed is an event leased to this instance, with the deliveries begun so far.
type claimed struct {
	visit.Event
	Attempts int `db:"attempts"`
}

// batch is what one round claimed, under one token.
type batch struct {
	token  string
	events []claimed
}

// claimEvents leases the oldest open events in one statement. The guard is repeated
// outside the subquery on purpose: when two instances pick the same rows, the second
// one's update re-reads each row after the first commits (PostgreSQL re-checks the
// WHERE on the new row version; SQLite runs writers one at a time) and finds it
// claimed, so no event is leased twice.
const claimEvents = `UPDATE appointment_events SET claimed_until = ?, claim_token = ?, attempts = attempts + 1
	WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)
	AND id IN (SELECT id FROM appointment_events
		WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)
		ORDER BY id LIMIT ?)
	RETURNING id, appointment_id, kind, from_status, to_status, actor_kind, staff_id, reason, at, attempts`

// claim leases up to limit open events until leaseEnd and returns them oldest first
// (RETURNING keeps no order).
func (s store) claim(ctx context.Context, now, leaseEnd time.Time, limit int) (batch, error) {
	b := batch{token: rand.Text()}
	err := db.Select(ctx, s.db.W, &b.events, claimEvents, leaseEnd, b.token, now, now, limit)
	slices.SortFunc(b.events, func(x, y claimed) int { return cmp.Compare(x.ID, y.ID) })
	return b, err
}

// selectDelivered reads the delivery log of a span of event ids (a claimed batch is
// nearly always a contiguous run, so one range read serves it).
const selectDelivered = `SELECT event_id, subscriber FROM event_deliveries WHERE event_id BETWEEN ? AND ?`

type deliveryRow struct {
	EventID    int64  `db:"event_id"`
	Subscriber string `db:"subscriber"`
}

// deliveredTo maps each event of events to the subscribers that already took it.
func (s store) deliveredTo(ctx context.Context, events []claimed) (map[int64][]string, error) {
	var rows []deliveryRow
	err := db.Select(ctx, s.db.R, &rows, selectDelivered, events[0].ID, events[len(events)-1].ID)
	out := make(map[int64][]string, len(rows))
	for _, r := range rows {
		out[r.EventID] = append(out[r.EventID], r.Subscriber)
	}
	return out, err
}

const insertDelivery = `INSERT INTO event_deliveries (event_id, subscriber, delivered_at) VALUES (?, ?, ?)
	ON CONFLICT (event_id, subscriber) DO NOTHING`

// record writes that subscriber took the event.
func (s store) record(ctx context.Context, eventID int64, subscriber string, at time.Time) error {
	return db.Exec(ctx, s.db.W, insertDelivery, eventID, subscriber, at)
}

// markDelivered closes an event for good; the claim token keeps an instance whose
// lease lapsed from touching a row another has taken since.
const markDelivered = `UPDATE appointment_events SET delivered_at = ?, claimed_until = NULL, last_error = ''
	WHERE id = ? AND claim_token = ? AND delivered_at IS NULL`

func (s store) delivered(ctx context.Context, token string, id int64, at time.Time) error {
	return db.Exec(ctx, s.db.W, markDelivered, at, id, token)
}

// markFailed keeps the event open but leased until retryAt: the lease is the back-off.
const markFailed = `UPDATE appointment_events SET claimed_until = ?, last_error = ?
	WHERE id = ? AND claim_token = ? AND delivered_at IS NULL`

// maxErrorText bounds what a failure leaves in the row.
const maxErrorText = 500

func (s store) failed(ctx context.Context, token string, id int64, reason string, retryAt time.Time) error {
	if len(reason) > maxErrorText {
		reason = strings.ToValidUTF8(reason[:maxErrorText], "")
	}
	return db.Exec(ctx, s.db.W, markFailed, retryAt, reason, id, token)
}
