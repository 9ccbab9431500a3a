package telephony_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// ring plays a generic inbound call from number: newCall, then after rings either an
// answer by ext and a hangup after talk, or (ext "") a hangup with cause.
func (k *kit) ring(id, number, ext, cause string, rings, talk time.Duration) {
	k.generic(event("newCall", id, "from", number, "to", "+74951234567", "direction", "in", "user[]", "Reception", "user[]", "Admin 2"))
	k.env.Clock.Advance(rings)
	if ext != "" {
		k.generic(event("answer", id, "answeringNumber", ext, "user[]", "Admin 2"))
		k.env.Clock.Advance(talk)
	}
	k.generic(event("hangup", id, "cause", cause))
}

func TestGenericAnsweredCallIsOneRowWithWhoAnswered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		staffID := k.staffMember()
		r := k.owner.Do(http.MethodPut, "/api/v1/phone-lines/"+k.lineID+"/extensions",
			map[string]any{"extensions": []map[string]string{{"extension": "102", "staff_id": staffID}}})
		if r.Status != http.StatusOK {
			t.Fatalf("extensions: %d %s", r.Status, r.Body)
		}
		k.ring(callID(), "8 916 123-45-67", "102", "normalClearing", 8*time.Second, 3*time.Minute)
		k.process()
		c := k.onlyCall()
		if disp(c) != "answered" || c.From != "+79161234567" || c.Direction != "inbound" || c.Extension != "102" {
			t.Fatalf("call: %+v (%s)", c, disp(c))
		}
		if c.AnsweredBy == nil || *c.AnsweredBy != staffID || c.AnswerAt == nil || c.EndAt == nil {
			t.Fatalf("answered by %v at %v, ended %v; want staff %s", c.AnsweredBy, c.AnswerAt, c.EndAt, staffID)
		}
		if cbs := k.callbacks("all"); len(cbs) != 0 {
			t.Fatalf("an answered call opened callbacks: %+v", cbs)
		}
	})
}

// staffMember signs a new administrator in and returns their id.
func (k *kit) staffMember() string {
	k.t.Helper()
	var me struct {
		ID string `json:"id"`
	}
	c := k.env.SignIn("admin")
	c.Do(http.MethodGet, "/api/v1/me", nil).Decode(k.t, &me)
	return me.ID
}

func TestMissedCallOpensACallbackThatClosesWhenTheCallerGetsThrough(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		anna := k.patient("Анна", "Смирнова", "+79161234567", "1990-03-01")
		k.ring(callID(), "+79161234567", "", "cancel", 25*time.Second, 0)
		missedAt := k.env.Clock.Now()
		k.process()
		if c := k.onlyCall(); disp(c) != "missed" {
			t.Fatalf("disposition %s, want missed", disp(c))
		}
		open := k.callbacks("open")
		if len(open) != 1 || open[0].Patient == nil || open[0].Patient.ID != anna || !strings.Contains(open[0].Text, "Анна Смирнова") {
			t.Fatalf("callbacks: %+v", open)
		}
		if want := missedAt.Add(15 * time.Minute); !open[0].DueAt.Equal(want.Truncate(time.Microsecond)) {
			t.Fatalf("due %v, want %v (15 minutes in opening hours)", open[0].DueAt, want)
		}
		k.env.Clock.Advance(5 * time.Minute)
		k.ring(callID(), "89161234567", "101", "normalClearing", 5*time.Second, time.Minute)
		k.process()
		if o := k.callbacks("open"); len(o) != 0 {
			t.Fatalf("still open after the caller got through: %+v", o)
		}
		if done := k.callbacks("done"); len(done) != 1 || done[0].DoneNote != "self_recovered" {
			t.Fatalf("done: %+v", done)
		}
	})
}

func TestAnsweredCallBackRecoversTheMissedCall(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.ring(callID(), "+48601234567", "", "noAnswer", 30*time.Second, 0)
		k.ring(callID(), "+48601234567", "", "noAnswer", 30*time.Second, 0)
		k.process()
		if o := k.callbacks("open"); len(o) != 1 {
			t.Fatalf("two missed calls from one number: want one callback, got %+v", o)
		}
		k.env.Clock.Advance(10 * time.Minute)
		out := callID()
		k.generic(event("newCall", out, "from", "101", "to", "0048601234567", "direction", "out"))
		k.env.Clock.Advance(10 * time.Second)
		k.generic(event("answer", out, "answeringNumber", "101"))
		k.env.Clock.Advance(2 * time.Minute)
		k.generic(event("hangup", out, "cause", "normalClearing"))
		k.process()
		if done := k.callbacks("done"); len(done) != 1 || done[0].DoneNote != "recovered" {
			t.Fatalf("done: %+v", done)
		}
	})
}

func TestNoCallbackForShortAbandonsWithheldNumbersOrARingGroupAnsweredElsewhere(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.ring(callID(), "+79161112233", "", "cancel", 3*time.Second, 0)
		k.ring(callID(), "anonymous", "", "cancel", 40*time.Second, 0)
		k.ring(callID(), "+79164445566", "103", "normalClearing", 20*time.Second, time.Minute)
		k.process()
		got := map[string]string{}
		for _, c := range k.calls() {
			got[c.From] = disp(c)
		}
		want := map[string]string{"+79161112233": "short_abandon", "": "missed", "+79164445566": "answered"}
		for from, d := range want {
			if got[from] != d {
				t.Errorf("call from %q: %s, want %s (all: %v)", from, got[from], d, got)
			}
		}
		if cbs := k.callbacks("all"); len(cbs) != 0 {
			t.Fatalf("callbacks: %+v", cbs)
		}
	})
}

func TestTheSameEventTwiceActsOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		id := callID()
		for range 2 {
			k.generic(event("newCall", id, "from", "+79161234567", "direction", "in"))
		}
		k.env.Clock.Advance(time.Minute)
		for range 3 {
			k.generic(event("hangup", id, "cause", "noAnswer"))
			k.process()
		}
		if c := k.onlyCall(); disp(c) != "missed" {
			t.Fatalf("call: %+v", c)
		}
		if cbs := k.callbacks("all"); len(cbs) != 1 {
			t.Fatalf("callbacks: %+v", cbs)
		}
		var n int
		if err := d.R.GetContext(context.Background(), &n, "SELECT COUNT(*) FROM call_signals"); err != nil || n != 2 {
			t.Fatalf("signals stored: %d (%v), want 2", n, err)
		}
	})
}

func TestGenericRefusesBadInputAndUnknownOrRevokedTokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		cases := []struct {
			form  url.Values
			field string
		}{
			{event("ring", "c1"), "event"},
			{url.Values{"event": {"newCall"}}, "callId"},
			{event("newCall", "c1", "direction", "sideways"), "direction"},
			{event("newCall", "c1", "from", "+7916\x00"), "from"},
			{event("newCall", strings.Repeat("x", 201)), "callId"},
		}
		for _, c := range cases {
			r := k.postGeneric(k.token, c.form)
			if p := r.Problem(t); r.Status != http.StatusBadRequest || len(p.Errors) == 0 || p.Errors[0].Field != c.field {
				t.Errorf("%v: %d %s, want 400 naming %s", c.form, r.Status, r.Body, c.field)
			}
		}
		if r := k.postGeneric("not-a-token", event("newCall", "c2")); r.Status != http.StatusNotFound {
			t.Errorf("unknown token: %d", r.Status)
		}
		if r := k.owner.Do(http.MethodPost, "/api/v1/phone-lines/"+k.lineID+"/revoke", nil); r.Status != http.StatusOK {
			t.Fatalf("revoke: %d %s", r.Status, r.Body)
		}
		if r := k.postGeneric(k.token, event("newCall", "c3")); r.Status != http.StatusNotFound {
			t.Errorf("revoked token: %d", r.Status)
		}
		k.process()
		if cs := k.calls(); len(cs) != 0 {
			t.Fatalf("refused events stored calls: %+v", cs)
		}
	})
}

func TestAnAllowlistedLineRefusesOtherAddresses(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		_, tok := k.line(map[string]any{"provider": "generic", "allowed_ips": []string{"10.1.2.0/24"}})
		r := k.postGeneric(tok, event("newCall", "c1", "from", "+79161234567"))
		if r.Status != http.StatusForbidden || r.Problem(t).Code != "ip_not_allowed" {
			t.Fatalf("from a foreign address: %d %s", r.Status, r.Body)
		}
		bad := k.owner.Do(http.MethodPost, "/api/v1/phone-lines", map[string]any{"branch_id": k.branch, "provider": "zadarma"})
		if p := bad.Problem(t); bad.Status != http.StatusBadRequest || p.Errors[0].Field != "secret" {
			t.Fatalf("zadarma line without its secret: %d %s", bad.Status, bad.Body)
		}
	})
}

func TestAnAnswerArrivingAfterTheHangupMakesTheCallAnsweredAndWithdrawsItsCallback(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		id := callID()
		k.generic(event("newCall", id, "from", "+79161234567", "direction", "in"))
		k.env.Clock.Advance(time.Minute)
		k.generic(event("hangup", id, "cause", "normalClearing"))
		k.process()
		if o := k.callbacks("open"); len(o) != 1 {
			t.Fatalf("before the late answer: %+v", o)
		}
		k.generic(event("answer", id, "answeringNumber", "101"))
		k.process()
		if c := k.onlyCall(); disp(c) != "answered" || c.Extension != "101" {
			t.Fatalf("call: %+v (%s)", c, disp(c))
		}
		if done := k.callbacks("all"); len(done) != 1 || done[0].Status != "done" || done[0].DoneNote != "answered" {
			t.Fatalf("callbacks: %+v", done)
		}
	})
}

func TestACallMissedAfterHoursBeforeAHolidayIsDueTheDayAfter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		msk, _ := time.LoadLocation("Europe/Moscow")
		k.env.Clock.Advance(9*time.Hour + 30*time.Minute) // 21:30, the branch closed at 21:00
		now := k.env.Clock.Now().In(msk)
		holiday := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, msk)
		if _, err := k.env.Schedules.AddClosure(context.Background(), k.branch, holiday.Format(time.DateOnly), "holiday"); err != nil {
			t.Fatalf("closure: %v", err)
		}
		k.ring(callID(), "+79161234567", "", "noAnswer", 30*time.Second, 0)
		k.process()
		want := time.Date(now.Year(), now.Month(), now.Day()+2, 9, 0, 0, 0, msk)
		if open := k.callbacks("open"); len(open) != 1 || !open[0].DueAt.Equal(want) {
			t.Fatalf("callbacks %+v, want one due %v", open, want)
		}
	})
}

func TestACallShowsTheEventsItWasBuiltFrom(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		id := callID()
		k.ring(id, "+79161234567", "101", "normalClearing", 5*time.Second, time.Minute)
		k.process()
		var out struct {
			Events []struct {
				Event string `json:"event"`
				Raw   string `json:"raw"`
			} `json:"events"`
		}
		r := k.owner.Do(http.MethodGet, "/api/v1/calls/"+k.onlyCall().ID+"/events", nil)
		r.Decode(t, &out)
		if len(out.Events) != 3 || out.Events[0].Event != "newCall" || out.Events[2].Event != "hangup" ||
			!strings.Contains(out.Events[0].Raw, "callId="+id) {
			t.Fatalf("events: %d %s", r.Status, r.Body)
		}
		if r := k.owner.Do(http.MethodGet, "/api/v1/calls/"+k.otherBranch()+"/events", nil); r.Status != http.StatusNotFound {
			t.Fatalf("no such call: %d", r.Status)
		}
	})
}
