package questionnaire_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestBookingSendsTheLinkOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		p := k.patient("Дарья", "Ёлкина", "+48601234567", "ru")
		visit := k.book(p.ID, 4)
		ctx := context.Background()
		if _, err := k.env.Events.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		// Delivered again: after a crash between the subscriber's commit and the delivery
		// log's, or by a second instance.
		if err := db.Exec(ctx, d.W, `DELETE FROM event_deliveries`); err != nil {
			t.Fatal(err)
		}
		if err := db.Exec(ctx, d.W, `UPDATE appointment_events SET delivered_at = NULL, claimed_until = NULL`); err != nil {
			t.Fatal(err)
		}
		if _, err := k.env.Events.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		if err := k.env.Questionnaires.SendLink(ctx, visit); err != nil {
			t.Fatal(err)
		}
		var rows []struct {
			Body   string `db:"body"`
			Locale string `db:"locale"`
		}
		if err := db.Select(ctx, d.R, &rows, `SELECT body, locale FROM outbox WHERE dedupe_key = ?`, "questionnaire:"+visit); err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Locale != "ru" || !strings.Contains(rows[0].Body, "заполните") {
			t.Fatalf("outbox rows = %+v", rows)
		}
		var links int
		_ = d.R.Get(&links, d.R.Rebind(`SELECT COUNT(*) FROM patient_links WHERE purpose = 'questionnaire' AND appointment_id = ?`), visit)
		if links != 1 {
			t.Errorf("%d links made for one message", links)
		}
		url := regexp.MustCompile(`https://frontdesk\.test(/q/[A-Za-z0-9_-]{43})`).FindStringSubmatch(k.env.ExpandLinks(rows[0].Body))
		if url == nil {
			t.Fatalf("no link in %q", rows[0].Body)
		}
		r := k.get(url[1])
		if r.status != http.StatusOK || !strings.Contains(r.body, `lang="ru"`) || !strings.Contains(r.body, "Анкета перед визитом") {
			t.Errorf("the sent link: %d", r.status)
		}

		// A moved visit is booked anew, but the link already sent follows it: no second message.
		a := must(k.env.Booking.Get(ctx, visit))(t)
		moved := k.env.As(actor.Owner).Do(http.MethodPatch, "/api/v1/appointments/"+visit,
			map[string]any{"start": a.Start.Add(2 * time.Hour).Format(time.RFC3339)})
		if moved.Status != http.StatusOK {
			t.Fatalf("move: %d %s", moved.Status, moved.Body)
		}
		if _, err := k.env.Events.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		var messages int
		_ = d.R.Get(&messages, `SELECT COUNT(*) FROM outbox WHERE template = 'questionnaire_link'`)
		if messages != 1 {
			t.Errorf("%d questionnaire messages after a move", messages)
		}
		if r := k.get(url[1]); r.status != http.StatusOK {
			t.Errorf("the link after the move: %d", r.status)
		}
	})
}

// TestSendLinksSendsEachVisitOnce: the subscriber's batch queues one link per visit
// owed one, whether named twice in the batch or already sent by SendLink, and a
// batch naming no such visit writes nothing.
func TestSendLinksSendsEachVisitOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		ctx := context.Background()
		first := k.book(k.patient("Ewa", "Nowak", "+48601234501", "pl").ID, 3)
		second := k.book(k.patient("Olle", "Berg", "+46701234502", "sv").ID, 4)
		if err := k.env.Questionnaires.SendLink(ctx, first); err != nil {
			t.Fatal(err)
		}
		if err := k.env.Questionnaires.SendLinks(ctx, []string{first, second, second}); err != nil {
			t.Fatal(err)
		}
		if err := k.env.Questionnaires.SendLinks(ctx, []string{first, second}); err != nil {
			t.Fatal(err)
		}
		for _, v := range []string{first, second} {
			var messages, links int
			_ = d.R.Get(&messages, d.R.Rebind(`SELECT COUNT(*) FROM outbox WHERE dedupe_key = ?`), "questionnaire:"+v)
			_ = d.R.Get(&links, d.R.Rebind(`SELECT COUNT(*) FROM patient_links WHERE purpose = 'questionnaire' AND appointment_id = ?`), v)
			if messages != 1 || links != 1 {
				t.Errorf("visit %s: %d messages, %d links (want 1, 1)", v, messages, links)
			}
		}
		if err := k.env.Questionnaires.SendLinks(ctx, []string{"no-such-visit"}); err == nil {
			t.Error("a visit that cannot be read did not fail the batch")
		}
	})
}

// TestPreparedLinksSkipAVisitSentMeanwhile: a batch read while a visit was owed its
// link, written after another delivery sent it, makes no second link for it and still
// sends the others' (two visits of one patient among them).
func TestPreparedLinksSkipAVisitSentMeanwhile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		ctx := context.Background()
		ewa := k.patient("Ewa", "Nowak", "+48601234511", "pl").ID
		visits := []string{k.book(ewa, 3), k.book(k.patient("Olle", "Berg", "+46701234512", "sv").ID, 4), k.book(ewa, 5)}
		write, err := k.env.Questionnaires.PrepareLinks(ctx, visits)
		if err != nil || write == nil {
			t.Fatalf("prepare: %v (writes %v)", err, write != nil)
		}
		if err := k.env.Questionnaires.SendLink(ctx, visits[1]); err != nil {
			t.Fatal(err)
		}
		if err := d.InTx(ctx, func(tx db.Tx) error { return write(ctx, tx) }); err != nil {
			t.Fatal(err)
		}
		for _, v := range visits {
			var messages, links int
			_ = d.R.Get(&messages, d.R.Rebind(`SELECT COUNT(*) FROM outbox WHERE dedupe_key = ?`), "questionnaire:"+v)
			_ = d.R.Get(&links, d.R.Rebind(`SELECT COUNT(*) FROM patient_links WHERE purpose = 'questionnaire' AND appointment_id = ?`), v)
			if messages != 1 || links != 1 {
				t.Errorf("visit %s: %d messages, %d links (want 1, 1)", v, messages, links)
			}
		}
	})
}
