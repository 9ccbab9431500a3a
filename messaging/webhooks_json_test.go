package messaging_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

func (k *kit) postSigned(path, header, signature string, body []byte) *apitest.Response {
	c := k.env.Anonymous()
	c.Header = http.Header{}
	if signature != "" {
		c.Header.Set(header, signature)
	}
	return c.Raw(http.MethodPost, path, "application/json", body)
}

func whatsAppButton(from, id, payload string) []byte {
	return fmt.Appendf(nil, `{"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{
		"messaging_product":"whatsapp","metadata":{"display_phone_number":"48500000000","phone_number_id":"1234567890"},
		"contacts":[{"profile":{"name":"Jan"},"wa_id":"%s"}],
		"messages":[{"from":"%s","id":"%s","timestamp":"1767225600","type":"button","button":{"payload":"%s","text":"Tak"}}]}}]}]}`,
		from, from, id, payload)
}

func TestWhatsAppWebhookVerifiesAndReadsQuickReplies(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		anon := k.env.Anonymous()
		if r := anon.Do(http.MethodGet, "/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wa-verify-token&hub.challenge=1158201444", nil); r.Status != http.StatusOK || string(r.Body) != "1158201444" {
			t.Errorf("verify: %d %s", r.Status, r.Body)
		}
		if r := anon.Do(http.MethodGet, "/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1", nil); r.Status != http.StatusForbidden {
			t.Errorf("wrong verify token: %d", r.Status)
		}
		phone := "+48601555003"
		appt, patient := k.visit(phone)
		k.question("wa:q", appt, patient, messaging.WhatsApp, phone)
		body := whatsAppButton("48601555003", "wamid.in1", "1")
		if r := k.postSigned("/api/v1/webhooks/whatsapp", "X-Hub-Signature-256", signHub("not-the-secret", body), body); r.Status != http.StatusForbidden {
			t.Errorf("bad signature: %d", r.Status)
		}
		if n := k.count(`SELECT COUNT(*) FROM inbound_messages`); n != 0 {
			t.Fatalf("%d rows stored from a refused request", n)
		}
		if r := k.postSigned("/api/v1/webhooks/whatsapp", "X-Hub-Signature-256", signHub("wa-app-secret", body), body); r.Status != http.StatusOK {
			t.Fatalf("signed: %d %s", r.Status, r.Body)
		}
		if s := k.appointmentStatus(appt); s != "confirmed" {
			t.Errorf("after the button the visit is %s", s)
		}
		// a status report for our wamid moves the question to delivered
		status := []byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":[
			{"id":"SM-wa:q","status":"delivered","timestamp":"1767225601","recipient_id":"48601555003","biz_opaque_callback_data":"wa:q"}]}}]}]}`)
		k.postSigned("/api/v1/webhooks/whatsapp", "X-Hub-Signature-256", signHub("wa-app-secret", status), status)
		if r := k.row("wa:q"); r.Status != messaging.Delivered {
			t.Errorf("after the status: %s", r.Status)
		}
		bad := []byte(`{"object":`)
		if r := k.postSigned("/api/v1/webhooks/whatsapp", "X-Hub-Signature-256", signHub("wa-app-secret", bad), bad); r.Status != http.StatusBadRequest {
			t.Errorf("malformed: %d", r.Status)
		}
	})
}

func TestGenericWebhookIsSignedWithTheServerSecret(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		phone := "+48601555004"
		appt, patient := k.visit(phone)
		k.question("gen:q", appt, patient, messaging.SMS, phone)
		body := []byte(`{"type":"message","id":"gw-1","from":"+48 601 555 004","text":"да, приду","gateway_extra":1}`)
		if r := k.postSigned("/api/v1/webhooks/generic", "X-Frontdesk-Signature", "", body); r.Status != http.StatusForbidden {
			t.Errorf("unsigned: %d", r.Status)
		}
		if r := k.postSigned("/api/v1/webhooks/generic", "X-Frontdesk-Signature", signHub(apitest.WebhookSecret, body), body); r.Status != http.StatusNoContent {
			t.Fatalf("signed: %d %s", r.Status, r.Body)
		}
		if s := k.appointmentStatus(appt); s != "confirmed" {
			t.Errorf("the visit is %s", s)
		}
		for _, bad := range []string{`[1,2]`, `{"type":"message"}`, `{"type":"status","message_id":"x"}`, `nope`} {
			b := []byte(bad)
			if r := k.postSigned("/api/v1/webhooks/generic", "X-Frontdesk-Signature", signHub(apitest.WebhookSecret, b), b); r.Status != http.StatusBadRequest {
				t.Errorf("%s: %d %s", bad, r.Status, r.Body)
			} else if !strings.Contains(r.Header.Get("Content-Type"), "problem+json") {
				t.Errorf("%s: %s", bad, r.Header.Get("Content-Type"))
			}
		}
	})
}
