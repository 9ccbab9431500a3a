package messaging

import (
	"context"
	"errors"
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

const insertAttachment = `INSERT INTO outbox_attachments (outbox_id, position, filename, content_type, content)
	VALUES (?, ?, ?, ?, ?)`

// insertWithAttachments stores the row and its files; a repeated key stores nothing,
// as insert does, since the first message already has its files.
func (s store) insertWithAttachments(ctx context.Context, tx db.Tx, r Row, files []Attachment) error {
	err := db.ExecOne(ctx, tx, insertRow, r.ID, r.DedupeKey, r.Channel, r.Recipient, r.PatientID, r.AppointmentID,
		r.Locale, r.BranchID, r.ExpectsReply, r.Template, r.Body, r.Segments, r.NotBefore, r.CreatedAt, r.TemplateData)
	if errors.Is(err, db.ErrNotFound) {
		return nil
	}
	for i, f := range files {
		if err == nil {
			err = db.Exec(ctx, tx, insertAttachment, r.ID, i, f.Filename, f.ContentType, f.Content)
		}
	}
	return err
}

const selectAttachments = `SELECT filename, content_type, content FROM outbox_attachments
	WHERE outbox_id = ? ORDER BY position`

func (s store) attachments(ctx context.Context, q db.Q, outboxID string) ([]Attachment, error) {
	var out []Attachment
	return out, db.Select(ctx, q, &out, selectAttachments, outboxID)
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

const selectQueuedKeys = `SELECT dedupe_key FROM outbox WHERE dedupe_key IN (?)`

// queuedKeys answers which of keys are in the outbox.
func (s store) queuedKeys(ctx context.Context, q db.Q, keys []string) (map[string]bool, error) {
	found, err := db.SelectInChunks[string](ctx, q, selectQueuedKeys, keys)
	out := make(map[string]bool, len(found))
	for _, k := range found {
		out[k] = true
	}
	return out, err
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
