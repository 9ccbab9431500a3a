package messaging_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// signTwilio is Twilio's documented algorithm written out here, apart from the code
// under test: HMAC-SHA1 over the URL and the sorted parameters, base64.
func signTwilio(token, fullURL string, form url.Values) string {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := fullURL
	for _, k := range keys {
		s += k + form.Get(k)
	}
	mac := hmac.New(sha1.New, []byte(token))
	mac.Write([]byte(s))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func signHub(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// postTwilio posts a form to a Twilio webhook path signed with token ("" unsigned).
func (k *kit) postTwilio(path, token string, form url.Values) *apitest.Response {
	c := k.env.Anonymous()
	c.Header = http.Header{}
	if token != "" {
		c.Header.Set("X-Twilio-Signature", signTwilio(token, apitest.PublicURL+path, form))
	}
	return c.Raw(http.MethodPost, path, "application/x-www-form-urlencoded", []byte(form.Encode()))
}

func (k *kit) sms(sid, from, body string) url.Values {
	return url.Values{"MessageSid": {sid}, "AccountSid": {k.twilio.sid}, "From": {from}, "To": {"+48500000000"},
		"Body": {body}, "NumMedia": {"0"}, "FromCountry": {"PL"}, "ApiVersion": {"2010-04-01"}}
}

func TestTwilioRepliesConfirmDeclineAndReachTheDesk(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		phone := "+48601555001"
		appt, patient := k.visit(phone)
		k.question("q:1", appt, patient, messaging.SMS, phone)

		r := k.postTwilio("/api/v1/webhooks/twilio/sms", k.twilio.token, k.sms("SM1", phone, "Tak, będę 👍"))
		if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "<Response/>") || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/xml") {
			t.Fatalf("reply: %d %s", r.Status, r.Body)
		}
		if s := k.appointmentStatus(appt); s != "confirmed" {
			t.Fatalf("after TAK the visit is %s", s)
		}
		// Twilio retries: the same MessageSid is one message
		k.postTwilio("/api/v1/webhooks/twilio/sms", k.twilio.token, k.sms("SM1", phone, "Tak, będę 👍"))
		if n := k.count(`SELECT COUNT(*) FROM inbound_messages`); n != 1 {
			t.Errorf("%d inbound rows after a retry", n)
		}

		k.postTwilio("/api/v1/webhooks/twilio/sms", k.twilio.token, k.sms("SM2", phone, "nie dam rady"))
		if s := k.appointmentStatus(appt); s != "confirmed" {
			t.Errorf("a decline is not a cancellation; the visit is %s", s)
		}
		if n := k.count(`SELECT COUNT(*) FROM appointment_events WHERE appointment_id = ? AND kind = 'declined_by_patient'`, appt); n != 1 {
			t.Errorf("%d declined_by_patient events", n)
		}
		if n := k.count(`SELECT COUNT(*) FROM inbox_tasks WHERE kind = 'decline' AND appointment_id = ? AND status = 'open'`, appt); n != 1 {
			t.Errorf("%d decline tasks", n)
		}
		var body string
		if err := db.Get(context.Background(), d.R, &body, `SELECT body FROM outbox WHERE template = 'decline_followup'`); err != nil ||
			!strings.Contains(k.env.ExpandLinks(body), apitest.PublicURL+"/v/") || !strings.HasPrefix(body, k.branch.Name+": szkoda") {
			t.Errorf("decline follow-up %q %v", body, err)
		}

		k.postTwilio("/api/v1/webhooks/twilio/sms", k.twilio.token, k.sms("SM3", phone, "Czy mogę przyjść o 10?"))
		if n := k.count(`SELECT COUNT(*) FROM inbox_tasks WHERE kind = 'reply' AND text = ?`, "Czy mogę przyjść o 10?"); n != 1 {
			t.Errorf("%d reply tasks for a question", n)
		}
	})
}

func TestTwilioWebhookRefusesBadSignaturesAndStoresNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		form := k.sms("SMbad", "+48601555002", "1")
		for name, token := range map[string]string{"missing": "", "wrong token": "not-the-token"} {
			if r := k.postTwilio("/api/v1/webhooks/twilio/sms", token, form); r.Status != http.StatusForbidden {
				t.Errorf("%s: %d %s", name, r.Status, r.Body)
			}
		}
		// signed for another URL (a replay to another endpoint)
		c := k.env.Anonymous()
		c.Header = http.Header{"X-Twilio-Signature": {signTwilio(k.twilio.token, apitest.PublicURL+"/other", form)}}
		if r := c.Raw(http.MethodPost, "/api/v1/webhooks/twilio/sms", "application/x-www-form-urlencoded", []byte(form.Encode())); r.Status != http.StatusForbidden {
			t.Errorf("another URL: %d", r.Status)
		}
		if r := k.postTwilio("/api/v1/webhooks/twilio/status", "wrong", url.Values{"MessageSid": {"SM1"}, "MessageStatus": {"delivered"}}); r.Status != http.StatusForbidden {
			t.Errorf("status: %d", r.Status)
		}
		if n := k.count(`SELECT (SELECT COUNT(*) FROM inbound_messages) + (SELECT COUNT(*) FROM delivery_events) + (SELECT COUNT(*) FROM inbox_tasks)`); n != 0 {
			t.Errorf("%d rows stored from refused requests", n)
		}
		if r := k.postTwilio("/api/v1/webhooks/twilio/sms", k.twilio.token, url.Values{"Body": {"1"}}); r.Status != http.StatusBadRequest {
			t.Errorf("signed form without MessageSid: %d %s", r.Status, r.Body)
		}
	})
}

func TestUnknownNumberIsStoredUnmatchedWithATaskAndStopOptsOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		r := k.postTwilio("/api/v1/webhooks/twilio/sms", k.twilio.token, k.sms("SMx", "+48601999999", "Dzień dobry, kto to?"))
		if r.Status != http.StatusOK {
			t.Fatalf("unknown number: %d %s", r.Status, r.Body)
		}
		if n := k.count(`SELECT COUNT(*) FROM inbox_tasks WHERE kind = 'unmatched' AND inbound_id IS NOT NULL`); n != 1 {
			t.Errorf("%d unmatched tasks", n)
		}
		p := k.patient("sms", "anna@example.test")
		k.postTwilio("/api/v1/webhooks/twilio/sms", k.twilio.token, k.sms("SMstop", p.Phone, "STOP"))
		k.enqueue("after-stop", p, messaging.Message{})
		k.run(k.dispatcher())
		k.run(k.dispatcher()) // WhatsApp, next in line, refuses free text outside its window
		if r := k.row("after-stop"); r.Channel != messaging.Email || r.Status != messaging.Sent {
			t.Errorf("after STOP: %+v", r)
		}
		k.postTwilio("/api/v1/webhooks/twilio/sms", k.twilio.token, k.sms("SMstart", p.Phone, "START"))
		k.enqueue("after-start", p, messaging.Message{})
		k.run(k.dispatcher())
		if r := k.row("after-start"); r.Channel != messaging.SMS {
			t.Errorf("after START: %+v", r)
		}
	})
}

func TestTwilioStatusCallbacksOnlyMoveForwardOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		p := k.patient("sms", "")
		k.enqueue("st:1", p, messaging.Message{})
		k.run(k.dispatcher())
		row := k.row("st:1")
		path := "/api/v1/webhooks/twilio/status?o=" + row.ID
		post := func(status string) {
			t.Helper()
			form := url.Values{"MessageSid": {row.ProviderID}, "MessageStatus": {status}, "AccountSid": {k.twilio.sid}, "SmsSid": {row.ProviderID}}
			if r := k.postTwilio(path, k.twilio.token, form); r.Status != http.StatusNoContent {
				t.Fatalf("%s: %d %s", status, r.Status, r.Body)
			}
		}
		post("sent")
		post("delivered")
		post("delivered")
		post("sent")
		post("undelivered")
		if r := k.row("st:1"); r.Status != messaging.Delivered {
			t.Errorf("status %s, want delivered", r.Status)
		}
		if n := k.count(`SELECT COUNT(*) FROM delivery_events WHERE provider_id = ?`, row.ProviderID); n != 3 {
			t.Errorf("%d events, want 3 (sent, delivered, undelivered)", n)
		}
		k.enqueue("st:2", p, messaging.Message{})
		k.run(k.dispatcher())
		failed := k.row("st:2")
		k.postTwilio("/api/v1/webhooks/twilio/status?o="+failed.ID, k.twilio.token,
			url.Values{"MessageSid": {failed.ProviderID}, "MessageStatus": {"failed"}, "ErrorCode": {"30003"}})
		if r := k.row("st:2"); r.Status != messaging.Failed {
			t.Errorf("failed report: %s", r.Status)
		}
		if n := k.count(`SELECT COUNT(*) FROM inbox_tasks WHERE kind = 'delivery_failed' AND outbox_id = ?`, failed.ID); n != 1 {
			t.Errorf("%d delivery tasks", n)
		}
	})
}
