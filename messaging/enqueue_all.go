package messaging

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// insertRows is insertRow for many rows in one statement; a key already queued, or
// repeated among the rows, keeps its first row only.
var insertRows = db.Rows{
	Head: `INSERT INTO outbox (id, dedupe_key, channel, recipient, patient_id, appointment_id, locale,
	branch_id, expects_reply, template, body, segments, status, not_before, attempts, created_at, template_data) VALUES `,
	Row:  `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, 0, ?, ?)`,
	Tail: ` ON CONFLICT (dedupe_key) DO NOTHING`,
}

// enqueueChunk bounds the rows of one statement (15 values a row, far below both
// databases' parameter limits).
const enqueueChunk = 200

// Batch is messages rendered ahead of the transaction that queues them, with the short
// links they carry: a booking prepares its texts while another transaction holds
// SQLite's one writer, and its own transaction only inserts (EnqueueBatch).
type Batch struct {
	rows  []Row
	links []shortLink
}

// Short adds a short link to long to b and returns it; long itself when there is no
// public address to serve short links from. Texts given the short link share it, where
// each would store its own.
func (s *Service) Short(b *Batch, long string) (string, error) {
	out, links, err := s.shortLinks(map[string]any{"Link": long})
	if err != nil {
		return "", err
	}
	b.links = append(b.links, links...)
	short, _ := out["Link"].(string)
	return short, nil
}

// Prepare adds ms to b, rendered as Enqueue stores them. A message with attachments is
// refused: its files go through Enqueue.
func (s *Service) Prepare(b *Batch, ms ...Message) error {
	for _, m := range ms {
		if len(m.Attachments) > 0 {
			return ErrBadMessage
		}
		row, links, err := s.rowOf(m)
		if err != nil {
			return err
		}
		b.rows, b.links = append(b.rows, row), append(b.links, links...)
	}
	return nil
}

// EnqueueBatch stores b on tx: its short links in one statement and its messages in
// another. A key already queued, or repeated in b, keeps its first message.
func (s *Service) EnqueueBatch(ctx context.Context, tx db.Tx, b Batch) error {
	if err := s.storeLinks(ctx, tx, b.links); err != nil {
		return err
	}
	return db.LaterRows(ctx, tx, insertRows, b.rows, enqueueChunk, func(r Row) []any {
		return []any{r.ID, r.DedupeKey, r.Channel, r.Recipient, r.PatientID, r.AppointmentID, r.Locale, r.BranchID,
			r.ExpectsReply, r.Template, r.Body, r.Segments, r.NotBefore, r.CreatedAt, r.TemplateData}
	})
}

// EnqueueAll is Enqueue for many messages on tx: their short links in one statement
// and their rows in another, where a statement per link and message was a round trip
// each (a relay's batch of bookings). A message with attachments goes through Enqueue.
func (s *Service) EnqueueAll(ctx context.Context, tx db.Tx, ms []Message) error {
	var b Batch
	for _, m := range ms {
		var err error
		if len(m.Attachments) > 0 {
			err = s.Enqueue(ctx, tx, m)
		} else {
			err = s.Prepare(&b, m)
		}
		if err != nil {
			return err
		}
	}
	return s.EnqueueBatch(ctx, tx, b)
}
