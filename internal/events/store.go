package events

import (
	"cmp"
	"context"
	"crypto/rand"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

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
func (s store) claim(ctx context.Context, q db.Q, now, leaseEnd time.Time, limit int) (batch, error) {
	b := batch{token: rand.Text()}
	err := db.Select(ctx, q, &b.events, claimEvents, leaseEnd, b.token, now, now, limit)
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

// insertDeliveries records a batch's deliveries in one statement.
var insertDeliveries = db.Rows{
	Head: `INSERT INTO event_deliveries (event_id, subscriber, delivered_at) VALUES `,
	Row:  `(?, ?, ?)`,
	Tail: ` ON CONFLICT (event_id, subscriber) DO NOTHING`,
}

// markDelivered closes events for good; the claim token keeps an instance whose lease
// lapsed from touching a row another has taken since.
const markDelivered = `UPDATE appointment_events SET delivered_at = ?, claimed_until = NULL, last_error = ''
	WHERE claim_token = ? AND delivered_at IS NULL AND id IN (?)`

// markFailed keeps the event open but leased until retryAt: the lease is the back-off.
const markFailed = `UPDATE appointment_events SET claimed_until = ?, last_error = ?
	WHERE id = ? AND claim_token = ? AND delivered_at IS NULL`

// maxErrorText bounds what a failure leaves in the row.
const maxErrorText = 500

// settleChunk bounds one statement's rows (3 values a delivery, one an id: far below
// both databases' parameter limits).
const settleChunk = 200

// settle writes a batch's outcome in one transaction: who took which event, the events
// closed, the failures and their retry times.
func (s store) settle(ctx context.Context, token string, out outcome, at time.Time) error {
	if len(out.took)+len(out.closed)+len(out.failed) == 0 {
		return nil
	}
	return s.db.InTx(ctx, func(tx db.Tx) error { return s.settleTx(ctx, tx, token, out, at) })
}

// settleTx is settle inside a transaction of the caller's.
func (s store) settleTx(ctx context.Context, tx db.Tx, token string, out outcome, at time.Time) error {
	if err := recordAll(ctx, tx, out.took, at); err != nil {
		return err
	}
	if err := closeAll(ctx, tx, token, out.closed, at); err != nil {
		return err
	}
	for _, f := range out.failed {
		if err := db.Exec(ctx, tx, markFailed, f.retryAt, shortReason(f.reason), f.id, token); err != nil {
			return err
		}
	}
	return nil
}

func recordAll(ctx context.Context, tx db.Tx, took []deliveryRow, at time.Time) error {
	return db.ExecRows(ctx, tx, insertDeliveries, took, settleChunk, func(r deliveryRow) []any {
		return []any{r.EventID, r.Subscriber, at}
	})
}

func closeAll(ctx context.Context, tx db.Tx, token string, ids []int64, at time.Time) error {
	for chunk := range slices.Chunk(ids, settleChunk) {
		query, args, err := sqlx.In(markDelivered, at, token, chunk)
		if err != nil {
			return err
		}
		if err := db.Exec(ctx, tx, query, args...); err != nil {
			return err
		}
	}
	return nil
}

func shortReason(reason string) string {
	if len(reason) > maxErrorText {
		return strings.ToValidUTF8(reason[:maxErrorText], "")
	}
	return reason
}
