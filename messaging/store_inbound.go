package messaging

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// question is the newest message that asked the patient something.
type question struct {
	ID            string  `db:"id"`
	PatientID     *string `db:"patient_id"`
	AppointmentID *string `db:"appointment_id"`
	BranchID      *string `db:"branch_id"`
	Locale        string  `db:"locale"`
}

const selectQuestion = `SELECT id, patient_id, appointment_id, branch_id, locale FROM outbox
	WHERE recipient = ? AND expects_reply AND status IN ('sent', 'delivered')
	ORDER BY created_at DESC, id DESC LIMIT 1`

func (s store) newestQuestion(ctx context.Context, address string) (*question, error) {
	var q question
	err := db.Get(ctx, s.db.R, &q, selectQuestion, address)
	if errors.Is(err, db.ErrNotFound) {
		return nil, nil
	}
	return &q, err
}

const selectPatientByPhone = `SELECT id FROM patients WHERE phone = ? AND merged_into IS NULL
	ORDER BY created_at DESC, id DESC LIMIT 1`

func (s store) patientByPhone(ctx context.Context, phone string) (*string, error) {
	var id string
	err := db.Get(ctx, s.db.R, &id, selectPatientByPhone, phone)
	if errors.Is(err, db.ErrNotFound) {
		return nil, nil
	}
	return &id, err
}

// inboundRow is one stored inbound message.
type inboundRow struct {
	ID            string    `db:"id"`
	Medium        string    `db:"medium"`
	Provider      string    `db:"provider"`
	ProviderID    string    `db:"provider_id"`
	From          string    `db:"from_address"`
	To            string    `db:"to_address"`
	Body          string    `db:"body"`
	Intent        string    `db:"intent"`
	PatientID     *string   `db:"patient_id"`
	OutboxID      *string   `db:"outbox_id"`
	AppointmentID *string   `db:"appointment_id"`
	ReceivedAt    time.Time `db:"received_at"`
	// ActedAt is when the visit action the reply asked for was taken; nil while owed.
	ActedAt *time.Time `db:"acted_at"`
}

// insertInbound ignores a message the provider delivers twice.
const insertInbound = `INSERT INTO inbound_messages (id, medium, provider, provider_id, from_address, to_address, body,
	intent, patient_id, outbox_id, appointment_id, received_at, acted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (provider, provider_id) DO NOTHING`

func (s store) insertInbound(ctx context.Context, tx db.Tx, r inboundRow) (bool, error) {
	res, err := tx.ExecContext(ctx, tx.Rebind(insertInbound), r.ID, r.Medium, r.Provider, r.ProviderID, r.From, r.To,
		r.Body, r.Intent, r.PatientID, r.OutboxID, r.AppointmentID, r.ReceivedAt, r.ActedAt)
	if err != nil {
		return false, db.Map(err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

const insertConsent = `INSERT INTO consent_ledger (id, patient_id, address, medium, opted_out, source, at)
	VALUES (?, ?, ?, ?, ?, ?, ?)`

func (s store) recordConsent(ctx context.Context, q db.Q, patientID *string, address, medium string, out bool, source string, at time.Time) error {
	return db.Exec(ctx, q, insertConsent, newID(), patientID, address, medium, out, source, at)
}

// Delivery reports.
const (
	insertDeliveryEvent = `INSERT INTO delivery_events (id, outbox_id, provider_id, status, error_code, at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (provider_id, status) DO NOTHING`
	selectByProviderID = `SELECT id FROM outbox WHERE provider_id = ? ORDER BY created_at DESC LIMIT 1`
	selectOutboxExists = `SELECT id FROM outbox WHERE id = ?`
	// A report for a row still sending settles a crash: the provider has the message.
	markSentByReport = `UPDATE outbox SET status = 'sent', provider_id = ?, sent_at = ? WHERE id = ? AND status = 'sending'`
	closeByReport    = `UPDATE outbox_attempts SET finished_at = ?, outcome = 'reconciled_sent', provider_id = ?
		WHERE outbox_id = ? AND finished_at IS NULL`
	markDelivered   = `UPDATE outbox SET status = 'delivered' WHERE id = ? AND status IN ('sending', 'sent')`
	markUndelivered = `UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND status IN ('sending', 'sent')`
)

func (s store) outboxFor(ctx context.Context, outboxID, providerID string) (*string, error) {
	var id string
	var err error
	if outboxID != "" {
		err = db.Get(ctx, s.db.R, &id, selectOutboxExists, outboxID)
	} else {
		err = db.Get(ctx, s.db.R, &id, selectByProviderID, providerID)
	}
	if errors.Is(err, db.ErrNotFound) {
		return nil, nil
	}
	return &id, err
}

func (s store) deliveryEvent(ctx context.Context, tx db.Tx, outboxID *string, providerID, status, code string, at time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, tx.Rebind(insertDeliveryEvent), newID(), outboxID, providerID, status, code, at)
	if err != nil {
		return false, db.Map(err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// History: a patient's messages in and out, newest first.
type historyItem struct {
	ID            string    `db:"id"`
	Direction     string    `db:"direction"`
	Medium        string    `db:"medium"`
	Address       string    `db:"address"`
	Body          string    `db:"body"`
	Status        string    `db:"status"`
	Segments      int       `db:"segments"`
	Template      string    `db:"template"`
	At            time.Time `db:"at"`
	AppointmentID *string   `db:"appointment_id"`
}

const selectHistory = `SELECT id, direction, medium, address, body, status, segments, template, at, appointment_id FROM (
	SELECT id, 'out' AS direction, channel AS medium, recipient AS address, body, status, segments, template,
		created_at AS at, appointment_id FROM outbox WHERE patient_id = ?
	UNION ALL
	SELECT id, 'in' AS direction, medium, from_address AS address, body, intent AS status, 0 AS segments, '' AS template,
		received_at AS at, appointment_id FROM inbound_messages WHERE patient_id = ?
	) h WHERE (? OR at < ? OR (at = ? AND id < ?))
	ORDER BY at DESC, id DESC LIMIT ?`

func (s store) history(ctx context.Context, patientID string, first bool, at time.Time, id string, limit int) ([]historyItem, error) {
	if first {
		id = zeroUUID
	}
	out := []historyItem{}
	return out, db.Select(ctx, s.db.R, &out, selectHistory, patientID, patientID, first, at, at, id, limit)
}

const markActed = `UPDATE inbound_messages SET acted_at = ? WHERE id = ? AND acted_at IS NULL`

func (s store) markActed(ctx context.Context, q db.Q, id string, at time.Time) error {
	return db.Exec(ctx, q, markActed, at, id)
}

// selectUnacted lists replies still owing their action that arrived before a moment
// (long enough ago that the request storing them has finished or died).
const selectUnacted = `SELECT id, medium, provider, provider_id, from_address, to_address, body, intent, patient_id,
	outbox_id, appointment_id, received_at, acted_at FROM inbound_messages
	WHERE acted_at IS NULL AND received_at < ? ORDER BY received_at, id LIMIT ?`

func (s store) unacted(ctx context.Context, before time.Time, limit int) ([]inboundRow, error) {
	out := []inboundRow{}
	return out, db.Select(ctx, s.db.R, &out, selectUnacted, before, limit)
}

const selectQuestionByID = `SELECT id, patient_id, appointment_id, branch_id, locale FROM outbox WHERE id = ?`

func (s store) questionByID(ctx context.Context, id string) (*question, error) {
	var q question
	if err := db.Get(ctx, s.db.R, &q, selectQuestionByID, id); err != nil {
		return nil, err
	}
	return &q, nil
}
