package monitoring_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// figures is the figures answer.
type figures struct {
	Received int   `json:"received"`
	Replied  int   `json:"replied"`
	Share    ratio `json:"share_replied"`
	Average  ratio `json:"average_rating"`
	Median   struct {
		Seconds *float64 `json:"seconds"`
		Count   int      `json:"count"`
	} `json:"median_first_reply"`
}

type ratio struct {
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Value       *float64 `json:"value"`
}

func (k *kit) figures(from, to string) figures {
	k.t.Helper()
	q := url.Values{"branch_id": {k.branch}, "from": {from}, "to": {to}}
	r := k.owner.Do(http.MethodGet, "/api/v1/reviews/figures?"+q.Encode(), nil)
	if r.Status != http.StatusOK {
		k.t.Fatalf("figures: %d %s", r.Status, r.Body)
	}
	var f figures
	r.Decode(k.t, &f)
	return f
}

// Four reviews written in the period, three answered after 1 h, 2 h (posted by hand
// through us) and 3 h: 3 of 4 replied, median 2 h; the stars average over all four.
// A review of the day after the period and its reply count nowhere.
func TestFiguresArithmetic(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		src := k.importSource("trustpilot")
		withReply := func(r map[string]any, after time.Duration) map[string]any {
			created, _ := time.Parse(time.RFC3339, r["created_at"].(string))
			r["reply"], r["replied_at"] = "Thank you", created.Add(after).Format(time.RFC3339)
			return r
		}
		k.importJSON(src.ID, withReply(row("t-1", 5, day(2, 8)), time.Hour), row("t-2", 4, day(3, 8)),
			withReply(row("t-3", 2, day(4, 8)), 3*time.Hour), row("t-4", 1, day(5, 8)),
			withReply(row("t-5", 5, day(8, 8)), time.Minute))
		k.env.Clock.Advance(day(3, 10).Sub(k.env.Clock.Now()))
		k.reply(k.byExternal("t-2").ID, "Thank you", true)

		f := k.figures("2026-03-01", "2026-03-07")
		if f.Received != 4 || f.Replied != 3 || f.Share.Numerator != 3 || f.Share.Denominator != 4 || *f.Share.Value != 0.75 {
			t.Fatalf("share: %+v", f)
		}
		if f.Median.Count != 3 || f.Median.Seconds == nil || *f.Median.Seconds != 7200 {
			t.Fatalf("median: %+v", f.Median)
		}
		if f.Average.Numerator != 12 || f.Average.Denominator != 4 || *f.Average.Value != 3 {
			t.Fatalf("average: %+v", f.Average)
		}
		// Warsaw's 8 March starts at 23:00 UTC on the 7th: a review at 23:30 UTC is the 8th's.
		k.importJSON(src.ID, row("t-6", 3, time.Date(2026, 3, 7, 23, 30, 0, 0, time.UTC)))
		if f := k.figures("2026-03-08", "2026-03-08"); f.Received != 2 || f.Replied != 1 || *f.Median.Seconds != 60 {
			t.Fatalf("local day: %+v", f)
		}
		if f := k.figures("2026-03-01", "2026-03-07"); f.Received != 4 {
			t.Fatalf("the 7th ends at 23:00 UTC: %+v", f)
		}
		if f := k.figures("2026-02-01", "2026-02-02"); f.Received != 0 || f.Share.Value != nil || f.Median.Seconds != nil {
			t.Fatalf("an empty period: %+v", f)
		}
		q := "/api/v1/reviews/figures?branch_id=" + k.branch
		refused(t, k.owner.Do(http.MethodGet, q+"&from=2026-03-01&to=tomorrow", nil), http.StatusBadRequest, "to")
		refused(t, k.owner.Do(http.MethodGet, q+"&from=2026-13-01&to=2026-03-01", nil), http.StatusBadRequest, "from")
		refused(t, k.owner.Do(http.MethodGet, q+"&from=2026-03-02&to=2026-03-01", nil), http.StatusBadRequest, "to")
		refused(t, k.owner.Do(http.MethodGet, q+"&from=2025-01-01&to=2026-03-01", nil), http.StatusBadRequest, "to")
	})
}
