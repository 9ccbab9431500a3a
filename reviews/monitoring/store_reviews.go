package monitoring

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// reviewColumns read a review with its source's site and kind, and whether its reply
// task is still open (the desk may close it on the task list).
const reviewColumns = `r.id, r.source_id, r.branch_id, s.site, s.kind AS source_kind, r.external_id, r.author,
	r.rating, r.comment, r.created_at_ext, r.updated_at_ext, r.stored_at, r.changed_at, r.reply_text, r.reply_status,
	r.reply_drafted_by, r.reply_drafted_at, r.reply_posted_by, r.reply_posted_at, r.first_reply_at, r.task_id,
	EXISTS (SELECT 1 FROM inbox_tasks t WHERE t.id = r.task_id AND t.status = 'open') AS task_open
	FROM reviews r JOIN review_sources s ON s.id = r.source_id`

const selectReview = `SELECT ` + reviewColumns + ` WHERE r.id = ?`

func (s store) review(ctx context.Context, q db.Q, id string) (Review, error) {
	var r Review
	return r, db.Get(ctx, q, &r, selectReview, id)
}

// selectKnown reads the stored reviews of one source among some external ids; the
// list is expanded by sqlx.In.
const selectKnown = `SELECT ` + reviewColumns + ` WHERE r.source_id = ? AND r.external_id IN (?)`

// knownChunk bounds the ids of one lookup, far below either database's parameter limit.
const knownChunk = 500

// known maps the external ids among ids that source has stored already to their rows.
func (s store) known(ctx context.Context, tx db.Tx, sourceID string, ids []string) (map[string]Review, error) {
	out := make(map[string]Review, len(ids))
	for start := 0; start < len(ids); start += knownChunk {
		query, args, err := sqlx.In(selectKnown, sourceID, ids[start:min(start+knownChunk, len(ids))])
		if err != nil {
			return nil, err
		}
		var rows []Review
		if err := db.Select(ctx, tx, &rows, query, args...); err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.ExternalID] = r
		}
	}
	return out, nil
}

// The multi-row insert of new reviews: insertHead then insertRow once per review.
const (
	insertHead = `INSERT INTO reviews (id, source_id, branch_id, external_id, author, rating, comment, created_at_ext,
	updated_at_ext, stored_at, changed_at, reply_text, reply_status, reply_drafted_by, reply_drafted_at, reply_posted_by,
	reply_posted_at, first_reply_at, task_id) VALUES `
	insertRow = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// insertBatch is how many reviews one statement carries (19 parameters each).
const insertBatch = 400

// insert writes new reviews in multi-row statements: a 10 000-row import is 25
// statements rather than 10 000.
func (s store) insert(ctx context.Context, tx db.Tx, rows []Review) error {
	for start := 0; start < len(rows); start += insertBatch {
		batch := rows[start:min(start+insertBatch, len(rows))]
		args := make([]any, 0, len(batch)*19)
		for _, r := range batch {
			args = append(args, r.ID, r.SourceID, r.BranchID, r.ExternalID, r.Author, r.Rating, r.Comment, r.CreatedAt,
				r.UpdatedAt, r.StoredAt, r.ChangedAt, r.ReplyText, r.ReplyStatus, r.ReplyDraftedBy, r.ReplyDraftedAt,
				r.ReplyPostedBy, r.ReplyPostedAt, r.FirstReplyAt, r.TaskID)
		}
		query := insertHead + strings.TrimSuffix(strings.Repeat(insertRow+", ", len(batch)), ", ")
		if err := db.Exec(ctx, tx, query, args...); err != nil {
			return err
		}
	}
	return nil
}

// updateReview writes back everything about a review that may change.
const updateReview = `UPDATE reviews SET author = ?, rating = ?, comment = ?, created_at_ext = ?, updated_at_ext = ?,
	changed_at = ?, reply_text = ?, reply_status = ?, reply_drafted_by = ?, reply_drafted_at = ?, reply_posted_by = ?,
	reply_posted_at = ?, first_reply_at = ?, task_id = ? WHERE id = ?`

func (s store) update(ctx context.Context, tx db.Tx, r Review) error {
	return db.ExecOne(ctx, tx, updateReview, r.Author, r.Rating, r.Comment, r.CreatedAt, r.UpdatedAt, r.ChangedAt,
		r.ReplyText, r.ReplyStatus, r.ReplyDraftedBy, r.ReplyDraftedAt, r.ReplyPostedBy, r.ReplyPostedAt, r.FirstReplyAt,
		r.TaskID, r.ID)
}

// selectOthersWaiting finds another review sharing a task that still waits for a reply.
const selectOthersWaiting = `SELECT EXISTS (SELECT 1 FROM reviews r WHERE r.task_id = ? AND r.id <> ?
	AND ` + waitingReply + `)`

func (s store) othersWaiting(ctx context.Context, tx db.Tx, taskID, reviewID string) (bool, error) {
	var waiting bool
	return waiting, db.Get(ctx, tx, &waiting, selectOthersWaiting, taskID, reviewID)
}

// lockReview takes a review's row for a reply's transaction.
const lockReview = `UPDATE reviews SET reply_status = reply_status WHERE id = ?`

func (s store) lock(ctx context.Context, tx db.Tx, id string) error {
	return db.ExecOne(ctx, tx, lockReview, id)
}

// waitingReply is a review waiting for a reply (as needsReply): none was posted, or
// the review was edited after the last one.
const waitingReply = `(r.reply_posted_at IS NULL OR r.reply_posted_at < r.updated_at_ext)`

// selectPage pages a branch's reviews newest first by (updated_at_ext, id); the first
// page passes a zero cursor, which its flag lets through.
const selectPage = `SELECT ` + reviewColumns + ` WHERE r.branch_id = ?
	AND (? = 'all' OR (? = 'replied' AND NOT ` + waitingReply + `) OR (? = 'unreplied' AND ` + waitingReply + `))
	AND (? OR r.updated_at_ext < ? OR (r.updated_at_ext = ? AND r.id < ?))
	ORDER BY r.updated_at_ext DESC, r.id DESC LIMIT ?`

// zeroUUID stands in for "no cursor" where PostgreSQL wants a UUID.
const zeroUUID = "00000000-0000-0000-0000-000000000000"

func (s store) page(ctx context.Context, f Filter, at time.Time, after string) ([]Review, error) {
	first := after == ""
	if first {
		after = zeroUUID
	}
	out := []Review{}
	return out, db.Select(ctx, s.db.R, &out, selectPage, f.BranchID, f.Status, f.Status, f.Status,
		first, at, at, after, f.Limit+1)
}

// received is one review of a figures period: when it was written, when first answered.
type received struct {
	CreatedAt    time.Time  `db:"created_at_ext"`
	FirstReplyAt *time.Time `db:"first_reply_at"`
	Rating       int        `db:"rating"`
}

const selectReceived = `SELECT created_at_ext, first_reply_at, rating FROM reviews
	WHERE branch_id = ? AND created_at_ext >= ? AND created_at_ext < ?`

func (s store) received(ctx context.Context, branchID string, from, to time.Time) ([]received, error) {
	out := []received{}
	return out, db.Select(ctx, s.db.R, &out, selectReceived, branchID, from, to)
}
