package surveys_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/reviews"
)

// BenchmarkShowSurveyPage is GET /s/{token} on SQLite: the token's survey, its branch
// and doctor, the form rendered with its nonce, through the whole app.
func BenchmarkShowSurveyPage(b *testing.B) {
	k := newKit(b, dbtest.New(b))
	tok := k.linkToken(k.followUp(k.patient("Jan", "+48601234567", "pl", true), true))
	b.ReportAllocs()
	for b.Loop() {
		if r := k.get("/s/" + tok); r.status != http.StatusOK {
			b.Fatal(r.status)
		}
	}
}

// BenchmarkNPS is GET /api/v1/surveys/nps over a branch with 1,000 answered surveys.
func BenchmarkNPS(b *testing.B) {
	d := dbtest.New(b)
	k := newKit(b, d)
	ctx := context.Background()
	p := k.patient("Jan", "+48601234567", "pl", false)
	for i := range 1000 {
		f := k.followUp(p, false)
		a := reviews.Answers{Overall: 1 + i%5, Care: 1 + i%5, Expectations: reviews.AsExpected, Recommend: i % 11}
		if err := d.InTx(ctx, func(tx db.Tx) error { return k.env.Surveys.RecordCall(ctx, tx, f, k.adminID, a) }); err != nil {
			b.Fatal(err)
		}
	}
	path := "/api/v1/surveys/nps?" + url.Values{"branch_id": {k.branch.ID}}.Encode()
	b.ReportAllocs()
	for b.Loop() {
		if r := k.owner.Do(http.MethodGet, path, nil); r.Status != http.StatusOK {
			b.Fatal(r.Status)
		}
	}
	var n struct{ Responses int }
	k.owner.Do(http.MethodGet, path, nil).Decode(b, &n)
	if n.Responses != 1000 {
		b.Fatalf("responses: %d", n.Responses)
	}
}
