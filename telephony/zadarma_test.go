package telephony_test

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

const zdSecret = "zadarma-api-secret"

// zdSignature is Zadarma's rule as its docs and PHP library state it, written here
// apart from the code under test: base64_encode(hash_hmac('sha1', data, secret)), with
// hash_hmac answering hex, over the event's fields in the documented order.
func zdSignature(form url.Values, secret string) string {
	order := map[string][]string{
		"NOTIFY_ANSWER":    {"caller_id", "destination", "call_start"},
		"NOTIFY_OUT_START": {"internal", "destination", "call_start"},
		"NOTIFY_OUT_END":   {"internal", "destination", "call_start"},
	}[form.Get("event")]
	if order == nil {
		order = []string{"caller_id", "called_did", "call_start"}
	}
	data := ""
	for _, f := range order {
		data += form.Get(f)
	}
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write([]byte(data))
	return base64.StdEncoding.EncodeToString([]byte(hex.EncodeToString(mac.Sum(nil))))
}

// zdKit is a Zadarma line and the call_start of the call being played.
type zdKit struct {
	*adapterKit
	start string
}

func newZdKit(t *testing.T, d *db.DB) *zdKit {
	k := &zdKit{adapterKit: newAdapterKit(t, d, "zadarma", "", zdSecret)}
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Fatal(err)
	}
	k.start = k.env.Clock.Now().In(warsaw).Format(time.DateTime)
	return k
}

// send posts a notification signed with secret ("" unsigned); pairs are field, value.
func (k *zdKit) send(secret string, pairs ...string) *apitest.Response {
	form := url.Values{"call_start": {k.start}}
	for i := 0; i+1 < len(pairs); i += 2 {
		form.Set(pairs[i], pairs[i+1])
	}
	h := http.Header{}
	if secret != "" {
		h.Set("Signature", zdSignature(form, secret))
	}
	return k.post("/zadarma", h, []byte(form.Encode()))
}

// ok sends a notification signed with the line's secret and wants 200.
func (k *zdKit) ok(pairs ...string) *apitest.Response {
	k.t.Helper()
	r := k.send(zdSecret, pairs...)
	if r.Status != http.StatusOK {
		k.t.Fatalf("%v: %d %s", pairs[:2], r.Status, r.Body)
	}
	return r
}

// The events of an incoming call, as Zadarma's documentation lists their fields.
func (k *zdKit) ring(id, caller string) *apitest.Response {
	return k.ok("event", "NOTIFY_START", "pbx_call_id", id, "caller_id", caller, "called_did", "48221234567")
}

func (k *zdKit) internal(id, caller, ext string) {
	k.ok("event", "NOTIFY_INTERNAL", "pbx_call_id", id, "caller_id", caller, "called_did", "48221234567", "internal", ext)
}

func (k *zdKit) answer(id, caller, ext string) {
	k.ok("event", "NOTIFY_ANSWER", "pbx_call_id", id, "caller_id", caller, "destination", ext, "internal", ext)
}

func (k *zdKit) end(id, caller, ext, disposition, recorded string) {
	k.ok("event", "NOTIFY_END", "pbx_call_id", id, "caller_id", caller, "called_did", "48221234567", "internal", ext,
		"duration", "52", "disposition", disposition, "status_code", "16", "is_recorded", recorded,
		"call_id_with_rec", "1411144014.1234567")
}

func TestZadarmaAnsweredCallNamesTheCallerAndLogsWhoAnswered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newZdKit(t, d)
		k.patient("Anna", "Kowalska", "+48601200300")
		r := k.ring("in:1", "48601200300")
		var reply map[string]string
		r.Decode(t, &reply)
		if reply["caller_name"] != "Anna Kowalska" {
			t.Fatalf("NOTIFY_START reply %s", r.Body)
		}
		k.internal("in:1", "48601200300", "101")
		k.internal("in:1", "48601200300", "102")
		k.env.Clock.Advance(8 * time.Second)
		k.answer("in:1", "48601200300", "102")
		k.env.Clock.Advance(52 * time.Second)
		k.end("in:1", "48601200300", "102", "answered", "1")
		k.process()

		c := k.onlyCall()
		ring := k.env.Clock.Now().Add(-60 * time.Second).Truncate(time.Second)
		if c.Direction != "inbound" || adapterStr(c.Disposition) != "answered" || c.Extension != "102" ||
			c.From != "+48601200300" || c.Provider != "zadarma" || c.Recording != "1411144014.1234567" {
			t.Fatalf("call %+v", c)
		}
		if !c.RingAt.Equal(ring) || c.AnswerAt == nil || c.AnswerAt.Sub(c.RingAt) < 8*time.Second {
			t.Fatalf("times: ring %v (want %v, call_start read in Warsaw), answer %v", c.RingAt, ring, c.AnswerAt)
		}
		if cb := k.callbacks(); len(cb) != 0 {
			t.Fatalf("an answered call opened callbacks: %+v", cb)
		}
	})
}

func TestZadarmaMissedCallOwesACallback(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newZdKit(t, d)
		r := k.ring("in:2", "48601999888")
		if strings.Contains(string(r.Body), "caller_name") {
			t.Fatalf("a new caller was named: %s", r.Body)
		}
		k.internal("in:2", "48601999888", "101")
		k.env.Clock.Advance(40 * time.Second)
		k.end("in:2", "48601999888", "", "no answer", "0")
		k.process()

		if c := k.onlyCall(); adapterStr(c.Disposition) != "missed" || c.AnswerAt != nil {
			t.Fatalf("call %+v", c)
		}
		cb := k.callbacks()
		if len(cb) != 1 || !strings.Contains(cb[0].Text, "+48601999888") {
			t.Fatalf("callbacks %+v", cb)
		}
	})
}

func TestZadarmaOutboundCall(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newZdKit(t, d)
		k.ok("event", "NOTIFY_OUT_START", "pbx_call_id", "out:1", "internal", "101", "destination", "48601200300",
			"caller_id", "48221234567")
		k.env.Clock.Advance(90 * time.Second)
		k.ok("event", "NOTIFY_OUT_END", "pbx_call_id", "out:1", "internal", "101", "destination", "48601200300",
			"caller_id", "48221234567", "duration", "75", "disposition", "answered", "status_code", "16",
			"is_recorded", "0")
		k.process()

		c := k.onlyCall()
		if c.Direction != "outbound" || c.To != "+48601200300" || c.Extension != "101" || adapterStr(c.Disposition) != "answered" {
			t.Fatalf("call %+v", c)
		}
	})
}

func TestZadarmaRefusesABadSignatureAndKeepsNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newZdKit(t, d)
		for name, secret := range map[string]string{"wrong secret": "not-the-secret", "unsigned": ""} {
			r := k.send(secret, "event", "NOTIFY_START", "pbx_call_id", "in:3", "caller_id", "48601200300",
				"called_did", "48221234567")
			if r.Status != http.StatusForbidden || r.Problem(t).Code != "bad_signature" {
				t.Fatalf("%s: %d %s", name, r.Status, r.Body)
			}
		}
		// signed for one caller, replayed for another
		form := url.Values{"event": {"NOTIFY_START"}, "pbx_call_id": {"in:3"}, "caller_id": {"48601200300"},
			"called_did": {"48221234567"}, "call_start": {k.start}}
		h := http.Header{"Signature": {zdSignature(form, zdSecret)}}
		form.Set("caller_id", "48601000000")
		if r := k.post("/zadarma", h, []byte(form.Encode())); r.Status != http.StatusForbidden {
			t.Fatalf("tampered: %d %s", r.Status, r.Body)
		}
		k.process()
		if n := k.signals(); n != 0 || len(k.calls()) != 0 {
			t.Fatalf("%d signals stored, log %+v", n, k.calls())
		}
	})
}

func TestZadarmaRetriedEventActsOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newZdKit(t, d)
		k.ring("in:4", "48601555444")
		k.ring("in:4", "48601555444")
		k.env.Clock.Advance(30 * time.Second)
		k.end("in:4", "48601555444", "", "cancel", "0")
		k.process()
		k.end("in:4", "48601555444", "", "cancel", "0")
		k.process()

		k.wantMissedOnce(2)
	})
}

func TestZadarmaEchoAndEventsItDoesNotRead(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newZdKit(t, d)
		r := k.env.Anonymous().Do(http.MethodGet, "/api/v1/telephony/"+k.token+"/zadarma?zd_echo=Zx5-aQ_9", nil)
		if r.Status != http.StatusOK || string(r.Body) != "Zx5-aQ_9" || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/plain") {
			t.Fatalf("echo: %d %q %s", r.Status, r.Body, r.Header.Get("Content-Type"))
		}
		r = k.env.Anonymous().Do(http.MethodGet, "/api/v1/telephony/"+k.token+"/zadarma", nil)
		k.wantProblem(r, http.StatusBadRequest, "zd_echo")
		r = k.env.Anonymous().Do(http.MethodGet, "/api/v1/telephony/not-a-token/zadarma?zd_echo=1", nil)
		k.wantProblem(r, http.StatusNotFound, "")

		r = k.send("", "event", "NOTIFY_IVR", "pbx_call_id", "in:5", "caller_id", "48601200300")
		if r.Status != http.StatusOK || k.signals() != 0 {
			t.Fatalf("NOTIFY_IVR: %d %s, %d stored", r.Status, r.Body, k.signals())
		}
	})
}

func TestZadarmaBadInputNamesTheField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newZdKit(t, d)
		r := k.send(zdSecret, "event", "NOTIFY_START", "caller_id", "48601200300", "called_did", "48221234567")
		k.wantProblem(r, http.StatusBadRequest, "pbx_call_id")
		r = k.send(zdSecret, "pbx_call_id", "in:6", "caller_id", "48601200300")
		k.wantProblem(r, http.StatusBadRequest, "event")
		r = k.send(zdSecret, "event", "NOTIFY_START", "pbx_call_id", "in:6", "call_start", "yesterday")
		k.wantProblem(r, http.StatusBadRequest, "call_start")
		r = k.send(zdSecret, "event", "NOTIFY_START", "pbx_call_id", "in:6\x07", "caller_id", "48601200300")
		k.wantProblem(r, http.StatusBadRequest, "pbx_call_id")
		if n := k.signals(); n != 0 {
			t.Fatalf("%d signals stored from bad input", n)
		}
	})
}
