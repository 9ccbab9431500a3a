package messaging

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

type store struct{ db *db.DB }

const rowColumns = `id, dedupe_key, channel, recipient, patient_id, appointment_id, locale, branch_id, expects_reply, template, body,
	segments, status, not_before, attempts, provider_id, last_error, created_at, sent_at, template_data`

// insertRow does nothing when the key is already queued: the first message wins and a
// repeat never sends twice.
const insertRow = `INSERT INTO outbox (id, dedupe_key, channel, recipient, patient_id, appointment_id, locale,
	branch_id, expects_reply, template, body, segments, status, not_before, attempts, created_at, template_data)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, 0, ?, ?)
	ON CONFLICT (dedupe_key) DO NOTHING`

func (s store) insert(ctx context.Context, q db.Q, r Row) error {
	return db.Exec(ctx, q, insertRow, r.ID, r.DedupeKey, r.Channel, r.Recipient, r.PatientID, r.AppointmentID,
		r.Locale, r.BranchID, r.ExpectsReply, r.Template, r.Body, r.Segments, r.NotBefore, r.CreatedAt, r.TemplateData)
}

// selectRecent orders by time and then by id: ids are UUIDv7, so rows queued within
// one clock tick still come newest first.
const selectRecent = `SELECT ` + rowColumns + ` FROM outbox
	WHERE (? = '' OR recipient = ?)
	ORDER BY created_at DESC, id DESC LIMIT ?`

func (s store) recent(ctx context.Context, recipient string, limit int) ([]Row, error) {
	out := []Row{}
	return out, db.Select(ctx, s.db.R, &out, selectRecent, recipient, recipient, limit)
}

const selectQueuedAt = `SELECT created_at FROM outbox WHERE dedupe_key = ?`

func (s store) queuedAt(ctx context.Context, q db.Q, key string) (time.Time, error) {
	var at time.Time
	return at, db.Get(ctx, q, &at, selectQueuedAt, key)
}

const selectDue = `SELECT ` + rowColumns + ` FROM outbox
	WHERE status = 'pending' AND not_before <= ? ORDER BY not_before, id LIMIT ?`

func (s store) due(ctx context.Context, now time.Time, limit int) ([]Row, error) {
	var out []Row
	return out, db.Select(ctx, s.db.R, &out, selectDue, now, limit)
}

// claimRow moves one due row to sending; of two dispatchers racing for a row, only
// one sees a changed row and sends it.
const claimRow = `UPDATE outbox SET status = 'sending', attempts = attempts + 1
	WHERE id = ? AND status = 'pending' AND not_before <= ?`

func (s store) claim(ctx context.Context, id string, now time.Time) error {
	return db.ExecOne(ctx, s.db.W, claimRow, id, now)
}

const markSent = `UPDATE outbox SET status = 'sent', sent_at = ?, provider_id = ?, last_error = ''
	WHERE id = ? AND status = 'sending'`

func (s store) sent(ctx context.Context, id, providerID string, at time.Time) error {
	return db.Exec(ctx, s.db.W, markSent, at, providerID, id)
}

// markRetry puts a failed row back in line for a later attempt, or gives it up as
// failed when next is nil.
const (
	markRetry = `UPDATE outbox SET status = 'pending', not_before = ?, last_error = ?
		WHERE id = ? AND status = 'sending'`
	markFailed = `UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sending'`
)

func (s store) retry(ctx context.Context, id, reason string, next *time.Time) error {
	if next == nil {
		return db.Exec(ctx, s.db.W, markFailed, reason, id)
	}
	return db.Exec(ctx, s.db.W, markRetry, *next, reason, id)
}

const selectRow = `SELECT ` + rowColumns + ` FROM outbox WHERE id = ?`

func (s store) row(ctx context.Context, q db.Q, id string) (Row, error) {
	var r Row
	return r, db.Get(ctx, q, &r, selectRow, id)
}

const selectRowByKey = `SELECT ` + rowColumns + ` FROM outbox WHERE dedupe_key = ?`

func (s store) rowByKey(ctx context.Context, q db.Q, key string) (Row, error) {
	var r Row
	return r, db.Get(ctx, q, &r, selectRowByKey, key)
}
