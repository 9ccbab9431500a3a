package monitoring

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// ReplyWithin is when a reply task falls due: a review answered within a day reads
// as a clinic that listens.
const ReplyWithin = 24 * time.Hour

// closedReplied is the note on a reply task closed by a reply made on the site itself.
const closedReplied = "replied on the site"

// ingest stores what a site says now about some of a source's reviews in one
// transaction: new reviews are inserted in batches, edited ones updated, replies made
// on the site recorded, and reply tasks opened or closed. after (may be nil) runs last
// in the same transaction: a poll moves its cursor there, so the cursor moves exactly
// when the reviews it passed are stored.
func (s *Service) ingest(ctx context.Context, src Source, in []Incoming, after func(tx db.Tx) error) (Outcome, error) {
	b, err := s.deps.Branches.Branch(actor.With(ctx, actor.Actor{Kind: actor.System}), src.BranchID)
	if err != nil {
		return Outcome{}, err
	}
	var out Outcome
	err = s.store.db.InTx(ctx, func(tx db.Tx) error {
		if err := s.store.lockSource(ctx, tx, src.ID); err != nil {
			return err
		}
		known, err := s.store.known(ctx, tx, src.ID, externalIDs(in))
		if err != nil {
			return err
		}
		w := &writer{s: s, tx: tx, src: src, text: textIn(b.Locale), now: s.clock(), known: known}
		if out, err = w.all(ctx, in); err != nil {
			return err
		}
		if after != nil {
			return after(tx)
		}
		return nil
	})
	return out, err
}

func externalIDs(in []Incoming) []string {
	ids := make([]string, len(in))
	for i, x := range in {
		ids[i] = x.ExternalID
	}
	return ids
}

// writer is one ingest's transaction and what it knows.
type writer struct {
	s     *Service
	tx    db.Tx
	src   Source
	text  taskText
	now   time.Time
	known map[string]Review
}

// all sorts each incoming review into new, edited or unchanged and writes it; a
// review repeated in one batch counts once, as its first telling.
func (w *writer) all(ctx context.Context, in []Incoming) (Outcome, error) {
	out := Outcome{Received: len(in)}
	var fresh []Review
	seen := make(map[string]bool, len(in))
	for _, x := range in {
		r, stored := w.known[x.ExternalID]
		switch {
		case seen[x.ExternalID]:
			out.Unchanged++
		case !stored:
			r, err := w.add(ctx, x)
			if err != nil {
				return out, err
			}
			fresh = append(fresh, r)
			out.New++
		default:
			changed, err := w.change(ctx, r, x)
			if err != nil {
				return out, err
			}
			out.Changed += btoi(changed)
			out.Unchanged += btoi(!changed)
		}
		seen[x.ExternalID] = true
	}
	return out, w.s.store.insert(ctx, w.tx, fresh)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// add makes the row of a review seen for the first time, with its reply task unless
// the site shows a reply to it already.
func (w *writer) add(ctx context.Context, x Incoming) (Review, error) {
	r := Review{ID: uuid.NewString(), SourceID: w.src.ID, BranchID: w.src.BranchID, ExternalID: x.ExternalID,
		Author: x.Author, Rating: x.Rating, Comment: x.Comment, CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt,
		StoredAt: w.now, ChangedAt: w.now, ReplyStatus: ReplyNone}
	siteReply(&r, x)
	if needsReply(r) {
		return r, w.openTask(ctx, &r, false)
	}
	return r, nil
}

// change folds what the site says now into a stored review and reports whether
// anything changed. An edit (a newer update time, or other text, rating or author)
// reopens the reply task unless a reply newer than the edit exists; a reply made on the
// site closes it. What the site told before the stored version is stale and ignored.
func (w *writer) change(ctx context.Context, r Review, x Incoming) (bool, error) {
	if x.UpdatedAt.Before(r.UpdatedAt) {
		return false, nil
	}
	edited := x.UpdatedAt.After(r.UpdatedAt) || x.Rating != r.Rating || x.Comment != r.Comment || x.Author != r.Author
	if edited {
		r.Author, r.Rating, r.Comment, r.CreatedAt, r.UpdatedAt = x.Author, x.Rating, x.Comment, x.CreatedAt, x.UpdatedAt
		r.ChangedAt = w.now
	}
	replied := siteReply(&r, x)
	if !edited && !replied {
		return false, nil
	}
	var err error
	switch {
	case edited && needsReply(r) && !r.TaskOpen:
		err = w.openTask(ctx, &r, true)
	case replied && r.TaskOpen && !needsReply(r):
		err = w.s.deps.Tasks.CloseIn(ctx, w.tx, *r.TaskID, closedReplied)
	}
	if err != nil {
		return false, err
	}
	return true, w.s.store.update(ctx, w.tx, r)
}

// siteReply records a reply the site shows that we do not know yet: posted by no one
// of ours, at the site's time. It reports whether it recorded one.
func siteReply(r *Review, x Incoming) bool {
	if x.Reply == "" || x.ReplyAt == nil || (r.ReplyStatus == ReplyPosted && r.ReplyText == x.Reply) {
		return false
	}
	if r.ReplyPostedAt != nil && !x.ReplyAt.After(*r.ReplyPostedAt) {
		return false
	}
	at := *x.ReplyAt
	r.ReplyText, r.ReplyStatus, r.ReplyPostedBy, r.ReplyPostedAt = x.Reply, ReplyPosted, nil, &at
	if r.FirstReplyAt == nil {
		r.FirstReplyAt = &at
	}
	return true
}

// needsReply says whether a review waits for a reply: none was posted, or the review
// was edited after the last one.
func needsReply(r Review) bool {
	return r.ReplyPostedAt == nil || r.ReplyPostedAt.Before(r.UpdatedAt)
}

// openTask opens the review's reply task in the branch's language.
func (w *writer) openTask(ctx context.Context, r *Review, edited bool) error {
	id, err := w.s.deps.Tasks.Open(ctx, w.tx, tasks.New{Kind: tasks.ReviewReply, BranchID: &w.src.BranchID,
		Text: w.text.line(edited, r.Rating, siteName(w.src), r.Author, r.Comment), At: w.now, DueAt: w.now.Add(ReplyWithin)})
	if err != nil {
		return err
	}
	r.TaskID, r.TaskOpen = &id, true
	return nil
}
