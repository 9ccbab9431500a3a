package telephony_test

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // Twilio signs with HMAC-SHA1.
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

const twilioAuth = "twilio-auth-token"

// signTwilio writes Twilio's documented signature out here, apart from the code under test.
func signTwilio(token, fullURL string, form url.Values) string {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := fullURL
	for _, k := range keys {
		for _, v := range form[k] {
			s += k + v
		}
	}
	mac := hmac.New(sha1.New, []byte(token))
	mac.Write([]byte(s))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// twilioLine makes a branch and a Twilio line on it, returning the line's token.
func twilioLine(t *testing.T, env *apitest.Env) string {
	t.Helper()
	br, err := env.Clinic.CreateBranch(t.Context(), clinic.BranchInput{Name: "Centrum", Country: "PL",
		TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN"})
	if err != nil {
		t.Fatal(err)
	}
	r := env.As(actor.Owner).Do(http.MethodPost, "/api/v1/phone-lines",
		map[string]string{"branch_id": br.ID, "provider": "twilio", "secret": twilioAuth})
	if r.Status != http.StatusCreated {
		t.Fatalf("create line: %d %s", r.Status, r.Body)
	}
	var out struct {
		Token string `json:"token"`
	}
	r.Decode(t, &out)
	return out.Token
}

func postTwilio(env *apitest.Env, path, auth string, form url.Values) *apitest.Response {
	c := env.Anonymous()
	c.Header.Set("X-Twilio-Signature", signTwilio(auth, apitest.PublicURL+path, form))
	return c.Raw(http.MethodPost, path, "application/x-www-form-urlencoded", []byte(form.Encode()))
}

func TestTwilioStatusSignatureAndBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apitest.NewEnv(t, d)
		path := "/api/v1/telephony/" + twilioLine(t, env) + "/twilio/status"
		form := url.Values{"CallSid": {"CA1"}, "CallStatus": {"ringing"}, "Direction": {"inbound"},
			"From": {"+48601000001"}, "To": {"+48500000000"}, "SequenceNumber": {"0"}}
		if r := postTwilio(env, path, "wrong", form); r.Status != http.StatusForbidden {
			t.Fatalf("bad signature: %d %s", r.Status, r.Body)
		}
		if n, _ := env.Telephony.ProcessOnce(t.Context()); n != 0 {
			t.Fatalf("a forged request stored %d signals", n)
		}
		if r := postTwilio(env, path, twilioAuth, form); r.Status != http.StatusNoContent {
			t.Fatalf("status: %d %s", r.Status, r.Body)
		}
		postTwilio(env, path, twilioAuth, form) // Twilio retried
		if n, _ := env.Telephony.ProcessOnce(t.Context()); n != 1 {
			t.Fatalf("applied %d signals, want 1", n)
		}
		form.Del("CallSid")
		r := postTwilio(env, path, twilioAuth, form)
		if r.Status != http.StatusBadRequest || r.Problem(t).Errors[0].Field != "CallSid" {
			t.Fatalf("missing CallSid: %d %s", r.Status, r.Body)
		}
	})
}

// The calls below play Twilio Voice as its documentation describes it: a status
// callback per call-progress event, numbered by SequenceNumber and stamped with an
// RFC 1123 Timestamp, and the <Dial> verb's action once the dialled leg is over.

const (
	twilioAccount = "AC00000000000000000000000000000001"
	clinicNumber  = "+74951234567"
)

// twilioCall is one inbound call through the kit's Twilio line.
type twilioCall struct {
	k    *kit
	base string // /api/v1/telephony/{token}/twilio
	sid  string
	from string
}

// twilioLine connects a Twilio line to the kit's branch and returns its webhook path.
func (k *kit) twilioLine() string {
	k.t.Helper()
	_, tok := k.line(map[string]any{"provider": "twilio", "secret": twilioAuth})
	return "/api/v1/telephony/" + tok + "/twilio"
}

// twilioCall starts a call from number through the line at base.
func (k *kit) twilioCall(base, from string) *twilioCall {
	seq++
	return &twilioCall{k: k, base: base, sid: fmt.Sprintf("CA%032d", seq), from: from}
}

// stamp writes a time as Twilio's Timestamp does: RFC 1123, whole seconds.
func stamp(at time.Time) string { return at.UTC().Format(time.RFC1123Z) }

// statusForm is the status callback Twilio posts for CallStatus at sequence n.
func (c *twilioCall) statusForm(callStatus string, n int, at time.Time) url.Values {
	return url.Values{"CallSid": {c.sid}, "AccountSid": {twilioAccount}, "From": {c.from}, "To": {clinicNumber},
		"Caller": {c.from}, "Called": {clinicNumber}, "Direction": {"inbound"}, "CallStatus": {callStatus},
		"Timestamp": {stamp(at)}, "SequenceNumber": {strconv.Itoa(n)}, "CallbackSource": {"call-progress-events"},
		"ApiVersion": {"2010-04-01"}}
}

// status posts the call's status callback and expects it recorded.
func (c *twilioCall) status(callStatus string, n int, at time.Time) {
	c.k.t.Helper()
	c.post("/status", c.statusForm(callStatus, n, at), http.StatusNoContent)
}

// leg posts the status callback of a <Dial> child leg that rang to.
func (c *twilioCall) leg(childSid, to, callStatus string, n int, at time.Time) {
	c.k.t.Helper()
	f := c.statusForm(callStatus, n, at)
	f.Set("CallSid", childSid)
	f.Set("ParentCallSid", c.sid)
	f.Set("Direction", "outbound-dial")
	f.Set("From", clinicNumber)
	f.Set("To", to)
	c.post("/status", f, http.StatusNoContent)
}

// dial posts the <Dial> action: how the dialled leg ended and how long it talked.
func (c *twilioCall) dial(dialStatus string, talked int) *apitest.Response {
	c.k.t.Helper()
	f := url.Values{"CallSid": {c.sid}, "AccountSid": {twilioAccount}, "From": {c.from}, "To": {clinicNumber},
		"Direction": {"inbound"}, "CallStatus": {"in-progress"}, "DialCallStatus": {dialStatus},
		"DialCallSid": {"CA" + strings.Repeat("d", 32)}, "DialCallDuration": {strconv.Itoa(talked)},
		"ApiVersion": {"2010-04-01"}}
	r := c.post("/dial", f, http.StatusOK)
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/xml") || !strings.Contains(string(r.Body), "<Response/>") {
		c.k.t.Fatalf("dial answers %q %s, want empty TwiML", r.Header.Get("Content-Type"), r.Body)
	}
	return r
}

func (c *twilioCall) post(kind string, f url.Values, want int) *apitest.Response {
	c.k.t.Helper()
	r := postTwilio(c.k.env, c.base+kind, twilioAuth, f)
	if r.Status != want {
		c.k.t.Fatalf("%s %s: %d %s, want %d", kind, f.Get("CallStatus"), r.Status, r.Body, want)
	}
	return r
}

// call finds the call from number in the log.
func (k *kit) call(from string) callRow {
	k.t.Helper()
	for _, c := range k.calls() {
		if c.From == from {
			return c
		}
	}
	k.t.Fatalf("no call from %s in %+v", from, k.calls())
	return callRow{}
}

// wantAnswered checks the log's only call was answered at answeredAt.
func (k *kit) wantAnswered(answeredAt time.Time) callRow {
	k.t.Helper()
	c := k.onlyCall()
	if disp(c) != "answered" || c.AnswerAt == nil || !c.AnswerAt.Equal(answeredAt.Truncate(time.Second)) {
		k.t.Fatalf("call %+v (%s), want answered at %v", c, disp(c), answeredAt)
	}
	if open := k.callbacks("open"); len(open) != 0 {
		k.t.Fatalf("an answered call owes callbacks: %+v", open)
	}
	return c
}

func TestTwilioAnsweredCallIsOneRow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		c := k.twilioCall(k.twilioLine(), "+79161234567")
		rang := k.env.Clock.Now()
		c.status("ringing", 0, rang)
		k.env.Clock.Advance(8 * time.Second)
		c.status("in-progress", 1, rang) // Twilio picked up to run the TwiML: nobody at the desk yet
		answered := k.env.Clock.Now()
		c.leg("CA"+strings.Repeat("e", 32), "client:anna", "in-progress", 1, answered)
		k.env.Clock.Advance(3 * time.Minute)
		c.status("completed", 2, k.env.Clock.Now())
		k.process()
		call := k.wantAnswered(answered)
		if call.From != "+79161234567" || call.To != clinicNumber || call.Direction != "inbound" || call.EndAt == nil {
			t.Fatalf("call %+v", call)
		}
	})
}

func TestTwilioAnswerAfterTheHangupStillAnswers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		c := k.twilioCall(k.twilioLine(), "+79161234568")
		c.status("ringing", 0, k.env.Clock.Now())
		k.env.Clock.Advance(10 * time.Second)
		answered := k.env.Clock.Now()
		k.env.Clock.Advance(3 * time.Minute)
		// completed overtook in-progress on the wire, and the job ran in between
		c.status("completed", 2, k.env.Clock.Now())
		k.process()
		if got := disp(k.onlyCall()); got != "missed" {
			t.Fatalf("before the answer arrived: %s, want missed", got)
		}
		c.leg("CA"+strings.Repeat("e", 32), "client:anna", "in-progress", 1, answered)
		k.process()
		k.wantAnswered(answered)
	})
}

func TestTwilioNoAnswerIsMissedAndOwesACallback(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		c := k.twilioCall(k.twilioLine(), "+79161234569")
		c.status("ringing", 0, k.env.Clock.Now())
		k.env.Clock.Advance(30 * time.Second)
		c.status("no-answer", 1, k.env.Clock.Now())
		k.process()
		if got := disp(k.onlyCall()); got != "missed" {
			t.Fatalf("no-answer: %s, want missed", got)
		}
		if open := k.callbacks("open"); len(open) != 1 || !strings.Contains(open[0].Text, "+79161234569") {
			t.Fatalf("callbacks %+v, want one for the caller", open)
		}
	})
}

func TestTwilioBusyIsBusy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		c := k.twilioCall(k.twilioLine(), "+79161234570")
		c.status("ringing", 0, k.env.Clock.Now())
		k.env.Clock.Advance(2 * time.Second)
		c.status("busy", 1, k.env.Clock.Now())
		k.process()
		if got := disp(k.onlyCall()); got != "busy" {
			t.Fatalf("busy: %s", got)
		}
	})
}

func TestTwilioDialActionDecidesTheCall(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		line := k.twilioLine()
		unanswered, answered := k.twilioCall(line, "+79161234571"), k.twilioCall(line, "+79161234572")
		unanswered.status("ringing", 0, k.env.Clock.Now())
		answered.status("ringing", 0, k.env.Clock.Now())
		k.env.Clock.Advance(30 * time.Second)
		unanswered.dial("no-answer", 0)
		k.env.Clock.Advance(90 * time.Second)
		answered.dial("completed", 90)
		k.process()
		if got := disp(k.call(unanswered.from)); got != "missed" {
			t.Fatalf("dial no-answer: %s, want missed", got)
		}
		got := k.call(answered.from)
		if disp(got) != "answered" || got.AnswerAt == nil || !got.AnswerAt.Equal(k.env.Clock.Now().Add(-90*time.Second).Truncate(time.Microsecond)) {
			t.Fatalf("dial completed after 90 s of talk: %+v (%s)", got, disp(got))
		}
		if open := k.callbacks("open"); len(open) != 1 || !strings.Contains(open[0].Text, unanswered.from) {
			t.Fatalf("callbacks %+v, want one for the unanswered caller", open)
		}
	})
}

func TestTwilioChildLegAnsweringAnswersTheParent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		c := k.twilioCall(k.twilioLine(), "+79161234573")
		child := "CA" + strings.Repeat("c", 32)
		c.status("ringing", 0, k.env.Clock.Now())
		k.env.Clock.Advance(time.Second)
		c.leg(child, "client:anna", "initiated", 0, k.env.Clock.Now())
		c.leg(child, "client:anna", "ringing", 1, k.env.Clock.Now())
		k.env.Clock.Advance(6 * time.Second)
		answered := k.env.Clock.Now()
		c.leg(child, "client:anna", "in-progress", 2, answered)
		k.env.Clock.Advance(2 * time.Minute)
		c.leg(child, "client:anna", "completed", 3, k.env.Clock.Now())
		c.status("completed", 1, k.env.Clock.Now())
		k.process()
		call := k.wantAnswered(answered)
		if call.From != c.from || call.Extension != "anna" {
			t.Fatalf("call %+v: want the caller's number and the leg's client", call)
		}
	})
}

// Twilio answers every inbound call itself to run the TwiML; when the desk never picks
// up and the caller hangs up, the call is missed however "in-progress" it was.
func TestTwilioPickingUpToRunTwiMLIsNotAnAnswer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		c := k.twilioCall(k.twilioLine(), "+79161234570")
		c.status("ringing", 0, k.env.Clock.Now())
		c.status("in-progress", 1, k.env.Clock.Now())
		k.env.Clock.Advance(40 * time.Second)
		c.status("completed", 2, k.env.Clock.Now())
		k.process()
		if got := disp(k.onlyCall()); got != "missed" {
			t.Fatalf("disposition %s, want missed", got)
		}
		if open := k.callbacks("open"); len(open) != 1 {
			t.Fatalf("callbacks %+v", open)
		}
	})
}
