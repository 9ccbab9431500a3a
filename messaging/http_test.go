package messaging_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

func TestDevOutboxListsNewestFirstForOwnersInDemoMode(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apitest.NewEnv(t, d, apitest.Demo())
		for _, key := range []string{"code:a:1", "code:a:2"} {
			err := d.InTx(t.Context(), func(tx db.Tx) error {
				return e.Messages.Enqueue(t.Context(), tx, messaging.Message{DedupeKey: key, Channel: messaging.SMS,
					Recipient: "+48601234567", Locale: "ru", Template: messaging.TemplateCode,
					Data: map[string]any{"Clinic": "Улыбка", "Code": key[len(key)-1:], "Minutes": 10}})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		r := e.As(actor.Owner).Do(http.MethodGet, "/api/v1/dev/outbox?recipient=%2B48601234567", nil)
		var out struct {
			Items []struct {
				DedupeKey string `json:"dedupe_key"`
				Segments  int    `json:"segments"`
				Encoding  string `json:"encoding"`
				Status    string `json:"status"`
			} `json:"items"`
		}
		r.Decode(t, &out)
		if r.Status != http.StatusOK || len(out.Items) != 2 || out.Items[0].DedupeKey != "code:a:2" ||
			out.Items[0].Segments != 2 || out.Items[0].Encoding != "ucs2" || out.Items[0].Status != "pending" {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
		if r := e.As(actor.Owner).Do(http.MethodGet, "/api/v1/dev/outbox?recipient=%2B48000", nil); string(r.Body) != `{"items":[]}` {
			t.Errorf("another recipient: %s", r.Body)
		}
		if r := e.As(actor.Owner).Do(http.MethodGet, "/api/v1/dev/outbox?limit=0", nil); r.Status != http.StatusBadRequest ||
			r.Problem(t).Errors[0].Field != "limit" {
			t.Errorf("limit=0: %d %s", r.Status, r.Body)
		}
		if r := e.As(actor.Admin).Do(http.MethodGet, "/api/v1/dev/outbox", nil); r.Status != http.StatusForbidden {
			t.Errorf("admin: %d", r.Status)
		}
	})
}

func TestDevOutboxDoesNotExistOutsideDemoMode(t *testing.T) {
	e := apitest.NewEnv(t, dbtest.New(t))
	if r := e.As(actor.Owner).Do(http.MethodGet, "/api/v1/dev/outbox", nil); r.Status != http.StatusNotFound {
		t.Errorf("owner without demo mode: %d %s", r.Status, r.Body)
	}
}
