package app

import (
	"context"

	"github.com/frontdeskhq/frontdesk/figures"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// figuresDigests fills the figures' DigestOutbox with the keyed outbox: each digest is
// an e-mail to the owner, its text written by the figures (the first line the subject),
// so it goes as free text; the outbox's dedupe key makes it one message.
type figuresDigests struct{ a *App }

// Queued tells whether the digest keyed key is in the outbox already.
func (f figuresDigests) Queued(ctx context.Context, key string) (bool, error) {
	_, found, err := f.a.Messages.QueuedAt(ctx, f.a.DB.R, key)
	return found, err
}

// Queue writes the digest to the outbox; a key already there adds nothing.
func (f figuresDigests) Queue(ctx context.Context, m figures.DigestMessage) error {
	msg := messaging.Message{DedupeKey: m.Key, Channel: messaging.Email, Recipient: m.Email, Locale: m.Locale,
		BranchID: m.BranchID, Template: messaging.TemplateFreeText, Data: map[string]any{"Text": m.Text}}
	return f.a.DB.InTx(ctx, func(tx db.Tx) error { return f.a.Messages.Enqueue(ctx, tx, msg) })
}

// The figures' port the outbox fills.
var _ figures.DigestOutbox = figuresDigests{}
