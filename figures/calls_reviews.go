package figures

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// receivedReview is one public review written in a day (the site's time), with its first
// posted reply, as review monitoring counts them.
type receivedReview struct {
	ID           string     `db:"id"`
	Site         string     `db:"site"`
	Rating       int        `db:"rating"`
	WrittenAt    time.Time  `db:"created_at_ext"`
	FirstReplyAt *time.Time `db:"first_reply_at"`
}

// sqlReceivedReviews: first_reply_at is set when a reply is first posted (by us or
// seen on the site); a draft leaves it empty.
const sqlReceivedReviews = `SELECT r.id, s.site, r.rating, r.created_at_ext, r.first_reply_at
	FROM reviews r JOIN review_sources s ON s.id = r.source_id
	WHERE r.branch_id = ? AND r.created_at_ext >= ? AND r.created_at_ext < ?
	ORDER BY r.id`

// collectReviews makes each review's replied row, and its minutes to the first reply
// when it has one.
func collectReviews(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var rs []receivedReview
	if err := db.Select(ctx, q, &rs, sqlReceivedReviews, b.ID, d.Start, d.End); err != nil {
		return nil, err
	}
	var out []Fact
	for _, r := range rs {
		label := fmt.Sprintf("%d★ on %s, no reply posted", r.Rating, r.Site)
		if r.FirstReplyAt != nil {
			label = fmt.Sprintf("%d★ on %s, replied after %d min", r.Rating, r.Site, wholeMinutes(r.WrittenAt, *r.FirstReplyAt))
		}
		row := func(figure string, num int64) Fact {
			return Fact{Figure: figure, Subject: "review", SubjectID: r.ID, Num: num, Den: 1, Label: label, At: utcAt(r.WrittenAt)}
		}
		out = append(out, row("review_replied_share", oneIf(r.FirstReplyAt != nil)))
		if r.FirstReplyAt != nil {
			took := row("review_reply_time", wholeMinutes(r.WrittenAt, *r.FirstReplyAt))
			took.At = utcAt(*r.FirstReplyAt)
			out = append(out, took)
		}
	}
	return out, nil
}
