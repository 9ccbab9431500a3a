package messaging

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// claimDue moves up to limit due rows to sending in one statement and returns them;
// of two dispatchers racing, the guard status = 'pending' lets each row go to one.
// On PostgreSQL the rows are picked FOR UPDATE SKIP LOCKED, so lanes and instances
// claiming at once take different rows instead of waiting on each other's; SQLite's
// single writer needs no such clause (and has none). There the guard is written
// +status: as a plain term SQLite's planner took it for the outer search and walked
// every pending row of outbox_due per claim (2.7 ms a claim behind 20,000 queued
// messages, against 0.2 ms by the primary key).
const (
	claimDue = `UPDATE outbox SET status = 'sending', attempts = attempts + 1
	WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND not_before <= ? ORDER BY not_before, id LIMIT ?)
	AND +status = 'pending'
	RETURNING ` + rowColumns
	claimDueSkipLocked = `UPDATE outbox SET status = 'sending', attempts = attempts + 1
	WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND not_before <= ? ORDER BY not_before, id LIMIT ?
		FOR UPDATE SKIP LOCKED)
	AND status = 'pending'
	RETURNING ` + rowColumns
)

// claimDueSQL is the claim statement of the database's dialect.
func (s store) claimDueSQL() string {
	if s.db.Dialect == db.Postgres {
		return claimDueSkipLocked
	}
	return claimDue
}

func (s store) claimDue(ctx context.Context, tx db.Tx, now time.Time, limit int) ([]Row, error) {
	var out []Row
	return out, db.Select(ctx, tx, &out, s.claimDueSQL(), now, limit)
}

// contact is what routing knows of a patient.
type contact struct {
	ID        string `db:"id"`
	Phone     string `db:"phone"`
	Email     string `db:"email"`
	Preferred string `db:"preferred_channel"`
}

const selectContacts = `SELECT id, phone, email, preferred_channel FROM patients WHERE id IN (?)`

func (s store) contacts(ctx context.Context, q db.Q, ids []string) (map[string]contact, error) {
	out := map[string]contact{}
	if len(ids) == 0 {
		return out, nil
	}
	var list []contact
	if err := db.SelectIn(ctx, q, &list, selectContacts, ids); err != nil {
		return nil, err
	}
	for _, c := range list {
		out[c.ID] = c
	}
	return out, nil
}

// rejectedMedia are the media that refused a row for good: fallback skips them.
const selectRejectedMedia = `SELECT medium FROM outbox_attempts WHERE outbox_id = ? AND outcome = 'rejected'`

func (s store) rejectedMedia(ctx context.Context, q db.Q, outboxID string) ([]string, error) {
	var out []string
	return out, db.Select(ctx, q, &out, selectRejectedMedia, outboxID)
}

// selectLastInbound finds when an address last wrote to us on a medium (the WhatsApp
// 24-hour window).
const selectLastInbound = `SELECT received_at FROM inbound_messages WHERE from_address = ? AND medium = ?
	ORDER BY received_at DESC LIMIT 1`

func (s store) lastInbound(ctx context.Context, q db.Q, address, medium string) (time.Time, bool, error) {
	var at time.Time
	err := db.Get(ctx, q, &at, selectLastInbound, address, medium)
	if errors.Is(err, db.ErrNotFound) {
		return time.Time{}, false, nil
	}
	return at, err == nil, err
}

// finishAttempt closes an attempt; the guard keeps a reconciled attempt from being
// closed twice.
const finishAttempt = `UPDATE outbox_attempts SET finished_at = ?, outcome = ?, provider_id = ?, error = ?
	WHERE outbox_id = ? AND attempt = ? AND finished_at IS NULL`

// Outcomes of a row after an attempt.
const (
	markSentVia = `UPDATE outbox SET status = 'sent', sent_at = ?, provider_id = ?, channel = ?, recipient = ?, last_error = ''
		WHERE id = ? AND status = 'sending'`
	markPendingAt = `UPDATE outbox SET status = 'pending', not_before = ?, last_error = ?
		WHERE id = ? AND status = 'sending'`
	markFailedNow = `UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sending'`
)

// openAttempt is an attempt left unfinished (a crash or a stop mid-call) with its row.
type openAttempt struct {
	Attempt   int       `db:"attempt"`
	Medium    string    `db:"medium"`
	Address   string    `db:"address"`
	StartedAt time.Time `db:"started_at"`
	Row
}

const selectOpenAttempts = `SELECT a.attempt, a.medium, a.recipient AS address, a.started_at, ` + prefixedRowColumns + `
	FROM outbox_attempts a JOIN outbox o ON o.id = a.outbox_id
	WHERE a.finished_at IS NULL AND a.started_at < ? AND o.status = 'sending'
	ORDER BY a.started_at LIMIT ?`

const prefixedRowColumns = `o.id, o.dedupe_key, o.channel, o.recipient, o.patient_id, o.appointment_id, o.locale, o.branch_id,
	o.expects_reply, o.template, o.body, o.segments, o.status, o.not_before, o.attempts, o.provider_id, o.last_error,
	o.created_at, o.sent_at, o.template_data`

func (s store) openAttempts(ctx context.Context, before time.Time, limit int) ([]openAttempt, error) {
	var out []openAttempt
	return out, db.Select(ctx, s.db.R, &out, selectOpenAttempts, before, limit)
}
