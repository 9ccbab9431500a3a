package figures

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
)

const (
	sqlKitSource = `INSERT INTO review_sources (id, branch_id, kind, site, created_at) VALUES (?, ?, 'import', 'google', ?)`
	sqlKitReview = `INSERT INTO reviews (id, source_id, branch_id, external_id, author, rating, created_at_ext,
		updated_at_ext, stored_at, changed_at, reply_text, reply_status, reply_drafted_at, reply_posted_at, first_reply_at)
		VALUES (?, ?, ?, ?, 'A patient', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// review stores a review written at written, its reply drafted or posted at replied
// (status none, drafted or posted).
func (k *callsKit) review(source string, rating int, written time.Time, status string, replied time.Time) string {
	id := uuid.NewString()
	var drafted, posted any
	text := ""
	switch status {
	case "drafted":
		drafted, text = replied, "Thank you"
	case "posted":
		drafted, posted, text = replied, replied, "Thank you"
	}
	k.exec(sqlKitReview, id, source, k.branch, id, rating, written, written, written, written, text, status,
		drafted, posted, posted)
	return id
}

// Reply time from a review's writing to its first posted reply (a draft is no reply),
// the replied share, and the reviews counted by the branch's local day.
func TestReviewFiguresOfAScriptedDay(t *testing.T) {
	eachCallsDB(t, func(t *testing.T, k *callsKit) {
		source := uuid.NewString()
		k.exec(sqlKitSource, source, k.branch, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
		at := k.at
		r1 := k.review(source, 5, at("2026-03-10 09:00"), "posted", at("2026-03-10 09:30"))
		r2 := k.review(source, 2, at("2026-03-10 12:00"), "posted", at("2026-03-10 13:30"))
		// Written 20 minutes after local midnight (still the 9th in UTC): the 10th's.
		r3 := k.review(source, 4, at("2026-03-10 00:20"), "none", time.Time{})
		r4 := k.review(source, 3, at("2026-03-10 15:00"), "drafted", at("2026-03-10 15:10"))
		r5 := k.review(source, 5, at("2026-03-09 23:50"), "posted", at("2026-03-10 00:00"))
		k.rebuild("2026-03-09", "2026-03-10")

		day := k.report("2026-03-10", "2026-03-10", "day", false)
		callsTotal(t, day["review_replied_share"], 2, 4, callsValue(0.5))
		callsTotal(t, day["review_reply_time"], 2, 2, callsValue(60))
		wantRows(t, k, "review_replied_share", "", callsWant(r1, 1, 1, r2, 1, 1, r3, 0, 1, r4, 0, 1))
		wantRows(t, k, "review_reply_time", "", callsWant(r1, 30, 1, r2, 90, 1))
		both := k.report("2026-03-09", "2026-03-10", "day", false)
		callsTotal(t, both["review_replied_share"], 3, 5, callsValue(0.6))
		callsTotal(t, both["review_reply_time"], 3, 3, callsValue(30))
		if p := both["review_reply_time"].Points[0]; p.Value == nil || *p.Value != 10 {
			t.Fatalf("9 March median %+v, want 10", p)
		}
		if rows := k.rows("review_reply_time", "2026-03-09", "2026-03-09", ""); !slices.Equal(rows, callsWant(r5, 10, 1)) {
			t.Fatalf("9 March rows %v", rows)
		}
		callsDaysAddUp(t, k, "2026-03-09", "2026-03-10")
		page, err := k.s.Rows(context.Background(), "review_replied_share", RowsQuery{BranchID: k.branch, From: "2026-03-10",
			To: "2026-03-10", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(page.Rows, func(f Fact) bool { return f.SubjectID == r2 && f.Label == "2★ on google, replied after 90 min" }) {
			t.Fatalf("labels %+v", page.Rows)
		}
	})
}
