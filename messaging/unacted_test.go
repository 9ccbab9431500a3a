package messaging_test

import (
	"context"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// A reply stored but never acted on (the process died in between) is acted on by the
// inbound_replies job once it is a minute old: the visit is confirmed, and the reply
// is not taken twice.
func TestARepliesActionLeftOwingIsTakenByTheJob(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		ctx := context.Background()
		phone := "+48601555077"
		appt, patient := k.visit(phone)
		k.question("unacted:q", appt, patient, messaging.SMS, phone)
		// The reply as the webhook stores it, its action not yet taken: no Appointments.
		inbox := messaging.NewInbox(k.env.Messages, messaging.InboxDeps{})
		if err := inbox.Receive(ctx, messaging.Inbound{Medium: messaging.SMS, Provider: "test", ProviderID: "u1",
			From: phone, Body: "1"}); err != nil {
			t.Fatal(err)
		}
		if n, err := k.env.Inbox.ActOnUnacted(ctx); err != nil || n != 0 {
			t.Fatalf("a fresh reply is the request's to act on: %d %v", n, err)
		}
		k.env.Clock.Advance(2 * time.Minute)
		if n, err := k.env.Inbox.ActOnUnacted(ctx); err != nil || n != 1 {
			t.Fatalf("the job took %d replies: %v", n, err)
		}
		if got := k.appointmentStatus(appt); got != "confirmed" {
			t.Errorf("visit %s after the job, want confirmed", got)
		}
		if n, err := k.env.Inbox.ActOnUnacted(ctx); err != nil || n != 0 {
			t.Errorf("the reply was taken again: %d %v", n, err)
		}
		var owing int
		if err := db.Get(ctx, d.R, &owing, `SELECT COUNT(*) FROM inbound_messages WHERE acted_at IS NULL`); err != nil || owing != 0 {
			t.Errorf("replies still owing: %d %v", owing, err)
		}
	})
}
