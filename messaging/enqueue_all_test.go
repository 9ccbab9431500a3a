package messaging

import (
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// TestEnqueueAllStoresAsEnqueueDoes: the batch keeps the first row of a key (queued
// before, or twice in the batch) and stores each link field's short link.
func TestEnqueueAllStoresAsEnqueueDoes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := NewService(d, nil, (&testClock{now: time.Now()}).Now).ShortenLinks("https://frontdesk.test")
		if err := enqueue(t, d, s, codeMessage("all:0", "+48601000001")); err != nil {
			t.Fatal(err)
		}
		long := "https://frontdesk.test/v/" + strings.Repeat("x", 43)
		batch := []Message{codeMessage("all:0", "+48601000002"), codeMessage("all:2", "+48601000003"),
			{DedupeKey: "all:1", Channel: SMS, Recipient: "+48601000004", Locale: "pl", Template: TemplateDeclineFollowup,
				Data: map[string]any{"Clinic": "Centrum", "Link": long}},
			codeMessage("all:2", "+48601000005")}
		for range 2 { // the second time is a redelivery
			if err := d.InTx(t.Context(), func(tx db.Tx) error { return s.EnqueueAll(t.Context(), tx, batch) }); err != nil {
				t.Fatal(err)
			}
		}
		var rows []Row
		if err := db.Select(t.Context(), d.R, &rows, `SELECT `+rowColumns+` FROM outbox ORDER BY dedupe_key`); err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || rows[0].Recipient != "+48601000001" || rows[2].Recipient != "+48601000003" {
			t.Fatalf("rows %+v", rows)
		}
		_, code, ok := strings.Cut(rows[1].Body, "https://frontdesk.test/l/")
		if !ok || len(code) < shortCodeLen {
			t.Fatalf("no short link in %q", rows[1].Body)
		}
		if url, err := s.Expand(t.Context(), code[:shortCodeLen]); err != nil || url != long {
			t.Errorf("short link leads to %q (%v)", url, err)
		}
	})
}
