package messaging_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

type taskList struct {
	Items []struct {
		ID      string `json:"id"`
		Kind    string `json:"kind"`
		Text    string `json:"text"`
		Status  string `json:"status"`
		Patient *struct {
			ID string `json:"id"`
		} `json:"patient"`
		Appointment *struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"appointment"`
	} `json:"items"`
	Next string `json:"next_cursor"`
}

func TestDeskSeesTasksAndClosesThem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		phone := "+48601555005"
		appt, patient := k.visit(phone)
		k.question("desk:q", appt, patient, messaging.SMS, phone)
		k.postTwilio("/api/v1/webhooks/twilio/sms", k.twilio.token, k.sms("SMd1", phone, "НЕТ, не смогу"))
		k.postTwilio("/api/v1/webhooks/twilio/sms", k.twilio.token, k.sms("SMd2", "+48601999998", "hello"))
		admin := k.env.As(actor.Admin)
		var page taskList
		admin.Do(http.MethodGet, "/api/v1/tasks?limit=1", nil).Decode(t, &page)
		if len(page.Items) != 1 || page.Next == "" || page.Items[0].Kind != "unmatched" {
			t.Fatalf("first page %+v", page)
		}
		var rest taskList
		admin.Do(http.MethodGet, "/api/v1/tasks?limit=1&cursor="+url.QueryEscape(page.Next), nil).Decode(t, &rest)
		if len(rest.Items) != 1 || rest.Items[0].Kind != "decline" || rest.Items[0].Patient == nil ||
			rest.Items[0].Patient.ID != patient || rest.Items[0].Appointment == nil || rest.Items[0].Appointment.ID != appt {
			t.Fatalf("second page %+v", rest)
		}
		done := admin.Do(http.MethodPost, "/api/v1/tasks/"+rest.Items[0].ID+"/done", nil)
		if done.Status != http.StatusOK || !strings.Contains(string(done.Body), `"status":"done"`) {
			t.Fatalf("done: %d %s", done.Status, done.Body)
		}
		if r := admin.Do(http.MethodPost, "/api/v1/tasks/"+rest.Items[0].ID+"/done", nil); r.Status != http.StatusNotFound {
			t.Errorf("done twice: %d", r.Status)
		}
		var open taskList
		admin.Do(http.MethodGet, "/api/v1/tasks?kind=decline", nil).Decode(t, &open)
		if len(open.Items) != 0 {
			t.Errorf("closed task still open: %+v", open)
		}
		for _, q := range []string{"status=later", "kind=urgent", "limit=0", "cursor=%21%21"} {
			if r := admin.Do(http.MethodGet, "/api/v1/tasks?"+q, nil); r.Status != http.StatusBadRequest {
				t.Errorf("%s: %d", q, r.Status)
			}
		}
	})
}

func TestPatientMessagesListInAndOutAndSendFreeText(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		phone := "+48601555006"
		appt, patient := k.visit(phone)
		k.question("hist:q", appt, patient, messaging.SMS, phone)
		k.postTwilio("/api/v1/webhooks/twilio/sms", k.twilio.token, k.sms("SMh1", phone, "1"))
		desk := k.env.As(actor.Admin)
		c := k.env.As(actor.Admin)
		c.Header = http.Header{"Idempotency-Key": {"send-1"}}
		first := c.Do(http.MethodPost, "/api/v1/patients/"+patient+"/messages", map[string]any{"text": "Proszę o telefon."})
		again := c.Do(http.MethodPost, "/api/v1/patients/"+patient+"/messages", map[string]any{"text": "Proszę o telefon."})
		if first.Status != http.StatusCreated || string(first.Body) != string(again.Body) {
			t.Fatalf("send: %d %s / %s", first.Status, first.Body, again.Body)
		}
		var hist struct {
			Items []struct {
				Direction string `json:"direction"`
				Body      string `json:"body"`
				Status    string `json:"status"`
			} `json:"items"`
		}
		desk.Do(http.MethodGet, "/api/v1/patients/"+patient+"/messages", nil).Decode(t, &hist)
		// The visit's reminders are in the history too; what matters is the order of
		// the free text, the reply and the question it answered.
		in := slices.IndexFunc(hist.Items, func(m struct {
			Direction string `json:"direction"`
			Body      string `json:"body"`
			Status    string `json:"status"`
		}) bool {
			return m.Direction == "in"
		})
		if len(hist.Items) < 3 || hist.Items[0].Body != "Proszę o telefon." || in < 1 || in+1 >= len(hist.Items) ||
			hist.Items[in].Status != "confirm" || hist.Items[in+1].Direction != "out" {
			t.Fatalf("history %+v", hist)
		}
		if n := k.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'patient_messages' AND patient_id = ? AND action = 'read'`, patient); n != 1 {
			t.Errorf("%d audit rows for reading the history", n)
		}
		for name, body := range map[string]map[string]any{"nothing": {}, "both": {"template": "free_text", "text": "x"},
			"unknown template": {"template": "nope"}, "missing data": {"template": "code"}, "medium": {"medium": "fax", "text": "x"}} {
			if r := desk.Do(http.MethodPost, "/api/v1/patients/"+patient+"/messages", body); r.Status != http.StatusBadRequest {
				t.Errorf("%s: %d %s", name, r.Status, r.Body)
			}
		}
		if r := desk.Do(http.MethodGet, "/api/v1/patients/00000000-0000-4000-8000-000000000000/messages", nil); r.Status != http.StatusNotFound {
			t.Errorf("unknown patient: %d", r.Status)
		}
	})
}

func TestBranchChannelsAreOwnersOnlyAndNeverShowSecrets(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		owner := k.env.As(actor.Owner)
		path := "/api/v1/branches/" + k.branch.ID + "/channels"
		r := owner.Do(http.MethodGet, path, nil)
		if r.Status != http.StatusOK || strings.Contains(string(r.Body), k.twilio.token) || strings.Contains(string(r.Body), "wa-app-secret") ||
			!strings.Contains(string(r.Body), `"auth_token":"****en-1"`) {
			t.Fatalf("get: %d %s", r.Status, r.Body)
		}
		// saving what was shown keeps the stored secret
		put := owner.Do(http.MethodPut, path, map[string]any{"channels": []map[string]any{{"medium": "sms", "provider": "twilio",
			"enabled": true, "settings": map[string]string{"account_sid": k.twilio.sid, "auth_token": "****en-1", "from": "+48500000000",
				"base_url": k.twilio.srv.URL}}}})
		if put.Status != http.StatusOK {
			t.Fatalf("put: %d %s", put.Status, put.Body)
		}
		list, err := k.env.Messages.BranchChannels(context.Background(), k.branch.ID)
		if err != nil || len(list) != 1 || list[0].Settings["auth_token"] != k.twilio.token {
			t.Errorf("stored %+v %v", list, err)
		}
		bad := owner.Do(http.MethodPut, path, map[string]any{"channels": []map[string]any{{"medium": "sms", "provider": "twilio", "enabled": true}}})
		if bad.Status != http.StatusBadRequest || bad.Problem(t).Errors[0].Field != "channels[0].settings.account_sid" {
			t.Errorf("missing setting: %d %s", bad.Status, bad.Body)
		}
		if r := k.env.As(actor.Admin).Do(http.MethodGet, path, nil); r.Status != http.StatusForbidden {
			t.Errorf("admin: %d", r.Status)
		}
	})
}

func TestShortLinksRedirectAndSaveCharacters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		svc := messaging.NewService(d, nil, nil).ShortenLinks(apitest.PublicURL)
		long := apitest.PublicURL + "/v/" + strings.Repeat("x", 43)
		err := d.InTx(context.Background(), func(tx db.Tx) error {
			return svc.Enqueue(context.Background(), tx, messaging.Message{DedupeKey: "short:1", Channel: messaging.SMS,
				Recipient: "+48601555007", Locale: "pl", Template: messaging.TemplateDeclineFollowup, Data: map[string]any{"Clinic": "Centrum", "Link": long}})
		})
		if err != nil {
			t.Fatal(err)
		}
		var body string
		if err := db.Get(context.Background(), d.R, &body, `SELECT body FROM outbox WHERE dedupe_key = 'short:1'`); err != nil {
			t.Fatal(err)
		}
		_, code, ok := strings.Cut(body, apitest.PublicURL+"/l/")
		if !ok || len(code) != 11 || strings.Contains(body, long) {
			t.Fatalf("body %q", body)
		}
		r := k.env.Anonymous().Do(http.MethodGet, "/l/"+code, nil)
		if r.Status != http.StatusFound || r.Header.Get("Location") != long {
			t.Errorf("redirect: %d %s", r.Status, r.Header.Get("Location"))
		}
		for _, bad := range []string{"AAAAAAAAAAA", "short", "!!!!!!!!!!!"} {
			if r := k.env.Anonymous().Do(http.MethodGet, "/l/"+url.PathEscape(bad), nil); r.Status != http.StatusNotFound {
				t.Errorf("%s: %d", bad, r.Status)
			}
		}
	})
}
