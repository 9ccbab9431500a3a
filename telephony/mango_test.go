package telephony_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

const (
	mgKey  = "mango-vpbx-api-key"
	mgSalt = "mango-salt"
	mgLine = "48221234567"
)

// mgSign is Mango Office's rule as its VPBX API documents it, written here apart from
// the code under test: hex SHA-256 of vpbx_api_key, json and salt joined.
func mgSign(key, body, salt string) string {
	sum := sha256.Sum256([]byte(key + body + salt))
	return hex.EncodeToString(sum[:])
}

// mgKit is a Mango Office line; t0 is when the call being played appeared.
type mgKit struct {
	*adapterKit
	t0 int64
}

func newMgKit(t *testing.T, d *db.DB) *mgKit {
	k := &mgKit{adapterKit: newAdapterKit(t, d, "mango", mgKey, mgSalt)}
	k.t0 = k.env.Clock.Now().Unix()
	return k
}

// sendRaw posts body as the json field of kind, signed with key and salt.
func (k *mgKit) sendRaw(kind, key, salt, body string) *apitest.Response {
	form := url.Values{"vpbx_api_key": {key}, "sign": {mgSign(key, body, salt)}, "json": {body}}
	return k.post("/mango/events/"+kind, http.Header{}, []byte(form.Encode()))
}

// ok posts event, signed with the line's key and salt, and wants 200.
func (k *mgKit) ok(kind string, event map[string]any) {
	k.t.Helper()
	body, _ := json.Marshal(event)
	if r := k.sendRaw(kind, mgKey, mgSalt, string(body)); r.Status != http.StatusOK {
		k.t.Fatalf("%s %s: %d %s", kind, body, r.Status, r.Body)
	}
}

// leg is one events/call, seconds after t0, in the documented shape.
func (k *mgKit) leg(entry, leg string, seq, after int, state, location string, from, to map[string]any) map[string]any {
	return map[string]any{"entry_id": entry, "call_id": leg, "timestamp": k.t0 + int64(after), "seq": seq,
		"call_state": state, "location": location, "from": from, "to": to, "disconnect_reason": 0}
}

// summary is events/summary; talk 0 is a call nobody picked up.
func (k *mgKit) summary(entry string, direction int, from, to map[string]any, talk, end, result int) map[string]any {
	talkTime := int64(0)
	if talk > 0 {
		talkTime = k.t0 + int64(talk)
	}
	return map[string]any{"entry_id": entry, "call_direction": direction, "from": from, "to": to,
		"line_number": mgLine, "create_time": k.t0, "forward_time": k.t0 + 5, "talk_time": talkTime,
		"end_time": k.t0 + int64(end), "entry_result": result, "disconnect_reason": 1110}
}

func mgCaller(number string) map[string]any { return map[string]any{"number": number} }

func mgClinic() map[string]any { return map[string]any{"number": mgLine, "line_number": mgLine} }

func mgExt(ext string) map[string]any {
	return map[string]any{"extension": ext, "number": "sip:" + ext + "@clinic.mangosip.ru", "line_number": mgLine}
}

// ringing plays an inbound call through the IVR to extension 101's phone.
func (k *mgKit) ringing(entry, number string) {
	k.ok("call", k.leg(entry, "L1", 1, 0, "Appeared", "ivr", mgCaller(number), mgClinic()))
	k.ok("call", k.leg(entry, "L1", 2, 1, "Connected", "ivr", mgCaller(number), mgClinic()))
	k.ok("call", k.leg(entry, "L2", 3, 5, "Appeared", "abonent", mgCaller(number), mgExt("101")))
}

func TestMangoAnsweredInboundCall(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newMgKit(t, d)
		k.ringing("E1", "48601200300")
		k.ok("call", k.leg("E1", "L2", 4, 12, "Connected", "abonent", mgCaller("48601200300"), mgExt("101")))
		k.ok("call", k.leg("E1", "L2", 5, 70, "Disconnected", "abonent", mgCaller("48601200300"), mgExt("101")))
		k.ok("summary", k.summary("E1", 1, mgCaller("48601200300"), mgExt("101"), 12, 70, 1))
		k.process()

		c := k.onlyCall()
		if c.Direction != "inbound" || adapterStr(c.Disposition) != "answered" || c.Extension != "101" ||
			c.From != "+48601200300" || c.To != "+48221234567" || c.Provider != "mango" {
			t.Fatalf("call %+v", c)
		}
		t0 := time.Unix(k.t0, 0)
		if !c.RingAt.Equal(t0) || c.AnswerAt == nil || !c.AnswerAt.Equal(t0.Add(12*time.Second)) ||
			c.EndAt == nil || !c.EndAt.Equal(t0.Add(70*time.Second)) {
			t.Fatalf("times: ring %v answer %v end %v (t0 %v)", c.RingAt, c.AnswerAt, c.EndAt, t0)
		}
		if cb := k.callbacks(); len(cb) != 0 {
			t.Fatalf("an answered call opened callbacks: %+v", cb)
		}
	})
}

func TestMangoMissedInboundCallOwesACallback(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newMgKit(t, d)
		k.ringing("E2", "48601999888")
		k.ok("call", k.leg("E2", "L2", 4, 40, "Disconnected", "abonent", mgCaller("48601999888"), mgExt("101")))
		k.ok("call", k.leg("E2", "L1", 5, 40, "Disconnected", "ivr", mgCaller("48601999888"), mgClinic()))
		k.ok("summary", k.summary("E2", 1, mgCaller("48601999888"), mgExt("101"), 0, 40, 0))
		k.process()

		if c := k.onlyCall(); adapterStr(c.Disposition) != "missed" || c.AnswerAt != nil || c.Direction != "inbound" {
			t.Fatalf("call %+v", c)
		}
		if cb := k.callbacks(); len(cb) != 1 || !strings.Contains(cb[0].Text, "+48601999888") {
			t.Fatalf("callbacks %+v", cb)
		}
	})
}

func TestMangoOutboundCall(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newMgKit(t, d)
		desk, patient := mgExt("102"), mgCaller("48601200300")
		k.ok("call", k.leg("E3", "L1", 1, 0, "Appeared", "abonent", desk, patient))
		k.ok("call", k.leg("E3", "L1", 2, 9, "Connected", "abonent", desk, patient))
		k.ok("call", k.leg("E3", "L1", 3, 50, "Disconnected", "abonent", desk, patient))
		k.ok("summary", k.summary("E3", 2, desk, patient, 9, 50, 1))
		k.process()

		c := k.onlyCall()
		if c.Direction != "outbound" || c.To != "+48601200300" || c.Extension != "102" || adapterStr(c.Disposition) != "answered" {
			t.Fatalf("call %+v", c)
		}
	})
}

func TestMangoRefusesABadSignatureAndKeepsNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newMgKit(t, d)
		body, _ := json.Marshal(k.leg("E4", "L1", 1, 0, "Appeared", "ivr", mgCaller("48601200300"), mgClinic()))
		for name, r := range map[string]*apitest.Response{
			"wrong salt":    k.sendRaw("call", mgKey, "other-salt", string(body)),
			"wrong api key": k.sendRaw("call", "other-key", mgSalt, string(body)),
		} {
			if r.Status != http.StatusForbidden || r.Problem(t).Code != "bad_signature" {
				t.Fatalf("%s: %d %s", name, r.Status, r.Body)
			}
		}
		// signed, then the json changed on the way
		form := url.Values{"vpbx_api_key": {mgKey}, "sign": {mgSign(mgKey, string(body), mgSalt)},
			"json": {strings.Replace(string(body), "48601200300", "48601000000", 1)}}
		if r := k.post("/mango/events/call", http.Header{}, []byte(form.Encode())); r.Status != http.StatusForbidden {
			t.Fatalf("tampered: %d %s", r.Status, r.Body)
		}
		k.process()
		if n := k.signals(); n != 0 || len(k.calls()) != 0 {
			t.Fatalf("%d signals stored, log %+v", n, k.calls())
		}
	})
}

func TestMangoRetriedEventsActOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newMgKit(t, d)
		k.ringing("E5", "48601555444")
		k.ringing("E5", "48601555444")
		sum := k.summary("E5", 1, mgCaller("48601555444"), mgExt("101"), 0, 30, 0)
		k.ok("summary", sum)
		k.process()
		k.ok("summary", sum)
		k.process()

		// 3 events and the summary's ring and end
		k.wantMissedOnce(5)
	})
}

func TestMangoBadInputAndKindsItDoesNotRead(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newMgKit(t, d)
		noEntry, _ := json.Marshal(map[string]any{"call_id": "L1", "seq": 1, "call_state": "Appeared"})
		k.wantProblem(k.sendRaw("call", mgKey, mgSalt, string(noEntry)), http.StatusBadRequest, "json.entry_id")
		k.wantProblem(k.sendRaw("summary", mgKey, mgSalt, `{"entry_id": "E6"`), http.StatusBadRequest, "json")
		k.wantProblem(k.sendRaw("call", mgKey, mgSalt, `{"entry_id":"E6","call_state":"Exploded"}`),
			http.StatusBadRequest, "json.call_state")
		form := url.Values{"vpbx_api_key": {mgKey}, "json": {`{"entry_id":"E6"}`}}
		k.wantProblem(k.post("/mango/events/call", http.Header{}, []byte(form.Encode())), http.StatusBadRequest, "sign")

		if r := k.sendRaw("recording", mgKey, mgSalt, `{"entry_id":"E6","recording_id":"R1"}`); r.Status != http.StatusOK {
			t.Fatalf("recording: %d %s", r.Status, r.Body)
		}
		if n := k.signals(); n != 0 {
			t.Fatalf("%d signals stored from bad input and ignored kinds", n)
		}
	})
}
