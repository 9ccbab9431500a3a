package messaging

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// StatusReport is a provider's word on a message we sent.
type StatusReport struct {
	// ProviderID is the provider's message id (Twilio's MessageSid, WhatsApp's wamid).
	ProviderID string
	// OutboxID is our row when the report names it (the ?o= of Twilio's callback).
	OutboxID string
	// Status is the provider's: queued, sent, delivered, read, failed, undelivered …
	Status    string
	ErrorCode string
}

// deliveryStage maps a provider status to ours: sent, delivered or failed; "" for a
// status that says nothing new (queued, accepted, sending).
func deliveryStage(status string) string {
	switch strings.ToLower(status) {
	case "sent":
		return "sent"
	case "delivered", "read":
		return "delivered"
	case "failed", "undelivered":
		return "failed"
	}
	return ""
}

// Report records a delivery report once per (message, status) and moves the outbox
// row forward only: sending → sent → delivered, or to failed (with a task) from
// sending or sent; a delivered message never goes back.
func (in *Inbox) Report(ctx context.Context, r StatusReport) error {
	if r.OutboxID != "" && uuid.Validate(r.OutboxID) != nil {
		r.OutboxID = ""
	}
	outboxID, err := in.s.store.outboxFor(ctx, strings.ToLower(r.OutboxID), r.ProviderID)
	if err != nil {
		return err
	}
	return in.s.db.InTx(ctx, func(tx db.Tx) error {
		now := in.s.clock()
		fresh, err := in.s.store.deliveryEvent(ctx, tx, outboxID, r.ProviderID, strings.ToLower(r.Status), r.ErrorCode, now)
		if err != nil || !fresh || outboxID == nil {
			return err
		}
		return in.advance(ctx, tx, *outboxID, r, now)
	})
}

func (in *Inbox) advance(ctx context.Context, tx db.Tx, id string, r StatusReport, now time.Time) error {
	stage := deliveryStage(r.Status)
	if stage == "" {
		return nil
	}
	// Any report proves the provider has the message: a row a crash left sending is
	// settled here, before the reconciler would ask.
	if err := db.Exec(ctx, tx, markSentByReport, r.ProviderID, now, id); err != nil {
		return err
	}
	if err := db.Exec(ctx, tx, closeByReport, now, r.ProviderID, id); err != nil {
		return err
	}
	switch stage {
	case "delivered":
		return db.Exec(ctx, tx, markDelivered, id)
	case "failed":
		return in.undelivered(ctx, tx, id, r)
	}
	return nil
}

func (in *Inbox) undelivered(ctx context.Context, tx db.Tx, id string, r StatusReport) error {
	res, err := tx.ExecContext(ctx, tx.Rebind(markUndelivered), "provider reported "+r.Status+" "+r.ErrorCode, id)
	if err != nil {
		return db.Map(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	row, err := in.s.store.row(ctx, tx, id)
	if err != nil {
		return err
	}
	_, err = in.s.tasks.Open(ctx, tx, tasks.New{Kind: tasks.DeliveryFailed, PatientID: row.PatientID,
		AppointmentID: row.AppointmentID, BranchID: row.BranchID, OutboxID: &row.ID,
		Text: "the provider could not deliver: " + r.Status + " " + r.ErrorCode, At: in.s.clock()})
	return err
}
