package questionnaire_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// BenchmarkCheckSubmission is the server-side check of a full submission against the
// definition (types, conditions with age, required answers).
func BenchmarkCheckSubmission(b *testing.B) {
	d := intake(b)
	raw := questionnaire.Raw{}
	for k, v := range adult() {
		if id, ok := cutPrefix(k); ok {
			raw[id] = v
		}
	}
	c := strictCheck()
	b.ReportAllocs()
	for b.Loop() {
		if _, problems := d.Read(raw, c); len(problems) != 0 {
			b.Fatal(problems)
		}
	}
}

// BenchmarkSubmit is a whole submission through the service on SQLite: check, store the
// response, update the card, alerts and audit in one transaction.
func BenchmarkSubmit(b *testing.B) {
	k := newKit(b, dbtest.New(b))
	p := k.patient("Zofia", "Wiśniewska", "+48601234567", "")
	token, _ := k.link(k.book(p.ID, 3))
	raw := questionnaire.Raw{}
	for key, v := range adult() {
		if id, ok := cutPrefix(key); ok {
			raw[id] = v
		}
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, problems, err := k.env.Questionnaires.Submit(ctx, token, raw); err != nil || len(problems) > 0 {
			b.Fatal(err, problems)
		}
	}
}

// BenchmarkRenderForm is GET /q/{token} through the app on SQLite: open the link, read
// the card and the last answers, render the page.
func BenchmarkRenderForm(b *testing.B) {
	k := newKit(b, dbtest.New(b))
	p := k.patient("Zofia", "Wiśniewska", "+48601234567", "")
	token, _ := k.link(k.book(p.ID, 3))
	form := adult()
	form.Set("action", "submit")
	if r := k.post(token, form); r.status != http.StatusSeeOther {
		b.Fatal(r.status)
	}
	b.ReportAllocs()
	for b.Loop() {
		if r := k.get("/q/" + token); r.status != http.StatusOK {
			b.Fatal(r.status)
		}
	}
}

func cutPrefix(k string) (string, bool) {
	if len(k) > 2 && k[:2] == "q." {
		return k[2:], true
	}
	return "", false
}
