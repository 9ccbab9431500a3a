package messaging_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

func TestDispatchSendsSMSThroughTheTwilioAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		p := k.patient("sms", "")
		k.enqueue("sms:1", p, messaging.Message{})
		if n := k.run(k.dispatcher()); n != 1 {
			t.Fatalf("sent %d, want 1", n)
		}
		sent := k.twilio.sent()
		r := k.row("sms:1")
		if len(sent) != 1 || sent[0].Get("To") != p.Phone || sent[0].Get("From") != "+48500000000" ||
			!strings.HasPrefix(sent[0].Get("Body"), "Do zobaczenia jutro") {
			t.Fatalf("twilio got %v", sent)
		}
		cb, _ := url.Parse(sent[0].Get("StatusCallback"))
		if cb.Scheme+"://"+cb.Host+cb.Path != "https://frontdesk.test/api/v1/webhooks/twilio/status" || cb.Query().Get("o") != r.ID {
			t.Errorf("status callback %s", cb)
		}
		if r.Status != messaging.Sent || r.ProviderID != fmt.Sprintf("SM%032d", 1) {
			t.Errorf("row %+v", r)
		}
		if n := k.count(`SELECT COUNT(*) FROM outbox_attempts WHERE outcome = 'sent' AND finished_at IS NOT NULL AND provider_id = ?`, r.ProviderID); n != 1 {
			t.Errorf("%d finished attempts", n)
		}
	})
}

func TestDispatchFollowsPreferenceFallsBackAndRespectsOptOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(map[string]string{messaging.TemplateWaitlistOffer: "frontdesk_offer"})
		waTemplate := k.patient("whatsapp", "")
		waRefused := k.patient("whatsapp", "")
		k.wa.refuse[strings.TrimPrefix(waRefused.Phone, "+")] = true
		waNoTemplate := k.patient("whatsapp", "")
		byMail := k.patient("email", "anna@example.test")
		optedOut := k.patient("sms", "stop@example.test")
		bounce := k.patient("email", "nobody@example.test")
		offer := map[string]any{"Clinic": "Centrum", "Service": "Przegląd", "Doctor": "Dr Nowak",
			"Start": time.Date(2030, 1, 2, 9, 30, 0, 0, time.UTC), "Link": "https://frontdesk.test/w/x"}
		k.enqueue("wa:template", waTemplate, messaging.Message{Template: messaging.TemplateWaitlistOffer, Data: offer})
		k.enqueue("wa:refused", waRefused, messaging.Message{})
		k.enqueue("wa:window", waNoTemplate, messaging.Message{})
		k.enqueue("mail", byMail, messaging.Message{})
		k.enqueue("optout", optedOut, messaging.Message{})
		k.enqueue("bounce", bounce, messaging.Message{})
		if err := db.Exec(context.Background(), d.W, `INSERT INTO consent_ledger (id, patient_id, address, medium, opted_out, source, at)
			VALUES (?, ?, ?, 'sms', TRUE, 'test', ?)`, "0190a000-0000-7000-8000-000000000001", optedOut.ID, optedOut.Phone, time.Now().UTC()); err != nil {
			t.Fatal(err)
		}
		disp := k.dispatcher()
		k.run(disp)
		k.run(disp) // refused rows try the next medium on the next round
		k.run(disp)
		want := map[string]string{"wa:template": "whatsapp", "wa:refused": "sms", "wa:window": "sms", "mail": "email",
			"optout": "email", "bounce": "sms"} // bounce: e-mail 550, WhatsApp outside its window
		for key, medium := range want {
			if r := k.row(key); r.Status != messaging.Sent || r.Channel != medium {
				t.Errorf("%s: %s via %s (%s), want sent via %s", key, r.Status, r.Channel, r.LastError, medium)
			}
		}
		checkWhatsAppTemplate(t, k.wa.sent(), waTemplate.Phone)
		checkMail(t, k.smtp.received(), "anna@example.test")
		for _, m := range k.twilio.sent() {
			if m.Get("To") == optedOut.Phone {
				t.Error("an SMS went to a patient who opted out of SMS")
			}
		}
	})
}

func checkWhatsAppTemplate(t *testing.T, sent []map[string]any, phone string) {
	t.Helper()
	for _, p := range sent {
		if p["to"] != strings.TrimPrefix(phone, "+") {
			continue
		}
		tpl, _ := p["template"].(map[string]any)
		comps, _ := tpl["components"].([]any)
		if p["type"] != "template" || tpl["name"] != "frontdesk_offer" || p["biz_opaque_callback_data"] != "wa:template" || len(comps) != 1 {
			t.Errorf("whatsapp payload %v", p)
		}
		params, _ := comps[0].(map[string]any)["parameters"].([]any)
		if len(params) != 5 || params[0].(map[string]any)["text"] != "Centrum" {
			t.Errorf("template parameters %v", params)
		}
		return
	}
	t.Errorf("no WhatsApp template message to %s in %v", phone, sent)
}

func checkMail(t *testing.T, mail []string, to string) {
	t.Helper()
	for _, m := range mail {
		if strings.Contains(m, "To: "+to) {
			if !strings.Contains(m, "Message-ID: <mail@frontdesk>") || !strings.Contains(m, "Do zobaczenia jutro") {
				t.Errorf("mail %s", m)
			}
			return
		}
	}
	t.Errorf("no mail to %s among %d", to, len(mail))
}

// TestDispatchCrashBetweenProviderAndUpdateNeverSendsTwice kills every worker right
// after Twilio answered and before anything was recorded; a new dispatcher, once the
// attempts' lease ran out, asks Twilio and settles every row without a second send.
func TestDispatchCrashBetweenProviderAndUpdateNeverSendsTwice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		keys := make([]string, 0, 30)
		for i := range 30 {
			key := fmt.Sprintf("crash:%d", i)
			keys = append(keys, key)
			k.enqueue(key, k.patient("sms", ""), messaging.Message{})
		}
		crashed := k.dispatcher()
		messaging.CrashAfterProvider(crashed)
		if _, err := crashed.RunOnce(context.Background()); err == nil {
			t.Fatal("the crashed round reported no error")
		}
		if n := k.count(`SELECT COUNT(*) FROM outbox WHERE status = 'sending'`); n != 30 {
			t.Fatalf("%d rows left sending, want 30", n)
		}
		restarted := k.dispatcher()
		k.run(restarted) // within the lease: nothing is touched
		if n := k.count(`SELECT COUNT(*) FROM outbox WHERE status = 'sending'`); n != 30 {
			t.Fatalf("a row was reconciled inside its lease: %d left", n)
		}
		k.env.Clock.Advance(3 * time.Minute)
		k.run(restarted)
		k.run(restarted)
		for _, key := range keys {
			if r := k.row(key); r.Status != messaging.Sent || r.ProviderID == "" {
				t.Errorf("%s: %s %q", key, r.Status, r.ProviderID)
			}
		}
		for id, n := range k.twilio.perOutbox() {
			if n != 1 {
				t.Errorf("outbox %s: %d provider requests, want 1", id, n)
			}
		}
		if got := len(k.twilio.perOutbox()); got != 30 {
			t.Errorf("%d outbox rows reached the provider, want 30", got)
		}
	})
}

// TestDispatchCrashNeverTakesAnEarlierIdenticalTextForItsOwn: the same words went to
// one number earlier and arrived; the second send was cut off on its way and the worker
// died. Twilio lists only the first, whose id the first row holds, so the second row
// is known not sent and goes out again, instead of being marked sent with the first's id.
func TestDispatchCrashNeverTakesAnEarlierIdenticalTextForItsOwn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		p := k.patient("sms", "")
		same := messaging.Message{Template: messaging.TemplateFreeText, Data: map[string]any{"Text": "Do zobaczenia jutro o 9:00."}}
		k.enqueue("same:1", p, same)
		k.run(k.dispatcher())
		first := k.row("same:1")
		k.enqueue("same:2", p, same)
		k.twilio.lose(1)
		crashed := k.dispatcher()
		messaging.CrashAfterProvider(crashed)
		if _, err := crashed.RunOnce(context.Background()); err == nil {
			t.Fatal("the crashed round reported no error")
		}
		k.env.Clock.Advance(3 * time.Minute)
		restarted := k.dispatcher()
		k.run(restarted)
		k.run(restarted)
		second := k.row("same:2")
		if first.Status != messaging.Sent || second.Status != messaging.Sent || second.ProviderID == "" ||
			second.ProviderID == first.ProviderID {
			t.Fatalf("first %s %q, second %s %q", first.Status, first.ProviderID, second.Status, second.ProviderID)
		}
		if got := k.twilio.sent(); len(got) != 2 || got[0].Get("Body") != got[1].Get("Body") {
			t.Fatalf("Twilio holds %d texts, want the two identical ones", len(got))
		}
	})
}

// TestDispatchReconcilesAnUnknownDeliveryToATask: a provider that cannot be asked
// (SMTP) leaves a crashed row failed with a task, never sent again.
func TestDispatchReconcilesAnUnknownDeliveryToATask(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		k.enqueue("mail:crash", k.patient("email", "crash@example.test"), messaging.Message{})
		crashed := k.dispatcher()
		messaging.CrashAfterProvider(crashed)
		if _, err := crashed.RunOnce(context.Background()); err == nil {
			t.Fatal("no crash")
		}
		k.env.Clock.Advance(3 * time.Minute)
		k.run(k.dispatcher())
		if r := k.row("mail:crash"); r.Status != messaging.Failed || !strings.Contains(r.LastError, "delivery unknown") {
			t.Errorf("row %+v", r)
		}
		if n := len(k.smtp.received()); n != 1 {
			t.Errorf("%d mails, want 1", n)
		}
		if n := k.count(`SELECT COUNT(*) FROM inbox_tasks WHERE kind = 'delivery_failed' AND text LIKE 'delivery unknown%'`); n != 1 {
			t.Errorf("%d delivery tasks", n)
		}
	})
}

func TestDispatchRetriesA5xxAndFailsA4xxWithoutAnotherChannel(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		busy, bad := k.patient("sms", ""), k.patient("sms", "")
		k.twilio.refuse[busy.Phone] = 503
		k.twilio.refuse[bad.Phone] = 400
		k.enqueue("busy", busy, messaging.Message{})
		k.enqueue("code", bad, messaging.Message{Template: messaging.TemplateCode,
			Data: map[string]any{"Clinic": "Centrum", "Code": "123456", "Minutes": 10}})
		disp := k.dispatcher()
		k.run(disp)
		k.run(disp)
		if r := k.row("busy"); r.Status != messaging.Pending || r.Attempts != 1 {
			t.Errorf("busy: %+v", r)
		}
		// a verification code is pinned to its phone: no fallback, a task instead
		if r := k.row("code"); r.Status != messaging.Failed {
			t.Errorf("code: %+v", r)
		}
		delete(k.twilio.refuse, busy.Phone)
		k.env.Clock.Advance(time.Minute)
		k.run(disp)
		if r := k.row("busy"); r.Status != messaging.Sent || r.Attempts != 2 {
			t.Errorf("busy after the wait: %+v", r)
		}
	})
}

// TestTwoInstancesSendEachMessageOnce runs two dispatchers (two app instances) on one
// database at once: every message reaches the provider exactly once.
func TestTwoInstancesSendEachMessageOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		p := k.patient("sms", "")
		for i := range 250 {
			k.enqueue(fmt.Sprintf("twice:%d", i), p, messaging.Message{})
		}
		a, b := k.dispatcher(), k.dispatcher()
		errs := make(chan error, 2)
		for _, disp := range []*messaging.Dispatcher{a, b} {
			go func() { _, err := disp.RunOnce(context.Background()); errs <- err }()
		}
		for range 2 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		k.run(a) // whatever a lane left for the next round
		counts := k.twilio.perOutbox()
		if len(counts) != 250 {
			t.Errorf("%d messages reached the provider, want 250", len(counts))
		}
		for id, n := range counts {
			if n != 1 {
				t.Errorf("outbox %s sent %d times", id, n)
			}
		}
	})
}
