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

// EnqueueAll is Enqueue for many messages on tx: their short links in one statement
// and their rows in another, where a statement per link and message was a round trip
// each (a relay's batch of bookings). A message with attachments goes through Enqueue.
func (s *Service) EnqueueAll(ctx context.Context, tx db.Tx, ms []Message) error {
	var (
		rows  []Row
		links []shortLink
	)
	for _, m := range ms {
		if len(m.Attachments) > 0 {
			if err := s.Enqueue(ctx, tx, m); err != nil {
				return err
			}
			continue
		}
		row, ls, err := s.rowOf(m)
		if err != nil {
			return err
		}
		rows, links = append(rows, row), append(links, ls...)
	}
	if err := s.storeLinks(ctx, tx, links); err != nil {
		return err
	}
	return db.ExecRows(ctx, tx, insertRows, rows, enqueueChunk, func(r Row) []any {
		return []any{r.ID, r.DedupeKey, r.Channel, r.Recipient, r.PatientID, r.AppointmentID, r.Locale, r.BranchID,
			r.ExpectsReply, r.Template, r.Body, r.Segments, r.NotBefore, r.CreatedAt, r.TemplateData}
	})
}
