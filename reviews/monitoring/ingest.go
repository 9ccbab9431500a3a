package monitoring

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// ReplyWithin is when a reply task falls due: a review answered within a day reads
// as a clinic that listens.
const ReplyWithin = 24 * time.Hour

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

// pending is one review an ingest writes: new or changed, and what its task needs.
type pending struct {
	r      Review
	stored bool
	edited bool
	// open: the review waits for a reply with no open task; closing: a reply seen
	// on the site answered it.
	open, closing bool
}

// all sorts each incoming review into new, changed or unchanged, opens the tasks the
// new and edited ones need, writes them, and closes the tasks replies on the site
// answered. A review repeated in one batch counts once, as its first telling.
func (w *writer) all(ctx context.Context, in []Incoming) (Outcome, error) {
	work, out := w.sort(in)
	if err := w.openTasks(ctx, work); err != nil {
		return out, err
	}
	if err := w.write(ctx, work); err != nil {
		return out, err
	}
	return out, w.closeTasks(ctx, work)
}

// sort tells the new and changed reviews from the unchanged, counting them.
func (w *writer) sort(in []Incoming) ([]pending, Outcome) {
	out := Outcome{Received: len(in)}
	var work []pending
	seen := make(map[string]bool, len(in))
	for _, x := range in {
		r, stored := w.known[x.ExternalID]
		switch {
		case seen[x.ExternalID]:
			out.Unchanged++
		case !stored:
			p := w.fresh(x)
			work = append(work, p)
			out.New++
		default:
			p, changed := w.change(r, x)
			if changed {
				work = append(work, p)
			}
			out.Changed += btoi(changed)
			out.Unchanged += btoi(!changed)
		}
		seen[x.ExternalID] = true
	}
	return work, out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// fresh makes the row of a review seen for the first time; it waits for a reply unless
// the site shows one already.
func (w *writer) fresh(x Incoming) pending {
	r := Review{ID: uuid.NewString(), SourceID: w.src.ID, BranchID: w.src.BranchID, ExternalID: x.ExternalID,
		Author: x.Author, Rating: x.Rating, Comment: x.Comment, CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt,
		StoredAt: w.now, ChangedAt: w.now, ReplyStatus: ReplyNone}
	siteReply(&r, x)
	return pending{r: r, open: needsReply(r)}
}

// change folds what the site says now into a stored review and reports whether
// anything changed. An edit (a newer update time, or other text, rating or author)
// wants the reply task back unless a reply newer than the edit exists; a reply made
// on the site may close it. What the site told before the stored version is stale.
func (w *writer) change(r Review, x Incoming) (pending, bool) {
	if x.UpdatedAt.Before(r.UpdatedAt) {
		return pending{}, false
	}
	edited := x.UpdatedAt.After(r.UpdatedAt) || x.Rating != r.Rating || x.Comment != r.Comment || x.Author != r.Author
	if edited {
		r.Author, r.Rating, r.Comment, r.CreatedAt, r.UpdatedAt = x.Author, x.Rating, x.Comment, x.CreatedAt, x.UpdatedAt
		r.ChangedAt = w.now
	}
	replied := siteReply(&r, x)
	return pending{r: r, stored: true, edited: edited, open: edited && needsReply(r) && !r.TaskOpen,
		closing: replied && r.TaskOpen && !needsReply(r)}, edited || replied
}

// write updates the changed reviews and inserts the new ones in batches.
func (w *writer) write(ctx context.Context, work []pending) error {
	var fresh []Review
	for _, p := range work {
		if !p.stored {
			fresh = append(fresh, p.r)
			continue
		}
		if err := w.s.store.update(ctx, w.tx, p.r); err != nil {
			return err
		}
	}
	return w.s.store.insert(ctx, w.tx, fresh)
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
