package monitoring

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// BulkTasks is the most reviews of one poll or import that get a reply task each.
// Beyond it (a first poll of a busy location, a site's history imported) they share
// one task that names how many wait: ten thousand tasks would bury the desk's queue,
// and the reviews list filtered to unreplied is where such work is done.
const BulkTasks = 50

// closedPosted and closedReplied are the notes on a reply task closed by posting the
// reply through us, or by a reply seen on the site itself.
const (
	closedPosted  = "reply posted"
	closedReplied = "replied on the site"
)

// openTasks opens the reply tasks the pending reviews want, in the branch's language:
// one each, or one shared by all beyond BulkTasks.
func (w *writer) openTasks(ctx context.Context, work []pending) error {
	var want []*pending
	for i := range work {
		if work[i].open {
			want = append(want, &work[i])
		}
	}
	if len(want) > BulkTasks {
		id, err := w.open(ctx, w.text.many(siteName(w.src), len(want)))
		if err != nil {
			return err
		}
		for _, p := range want {
			p.r.TaskID, p.r.TaskOpen = &id, true
		}
		return nil
	}
	for _, p := range want {
		id, err := w.open(ctx, w.text.line(p.edited, p.r.Rating, siteName(w.src), p.r.Author, p.r.Comment))
		if err != nil {
			return err
		}
		p.r.TaskID, p.r.TaskOpen = &id, true
	}
	return nil
}

func (w *writer) open(ctx context.Context, text string) (string, error) {
	return w.s.deps.Tasks.Open(ctx, w.tx, tasks.New{Kind: tasks.ReviewReply, BranchID: &w.src.BranchID, Text: text,
		At: w.now, DueAt: w.now.Add(ReplyWithin)})
}

// closeTasks closes the tasks of reviews a reply on the site answered, once written.
func (w *writer) closeTasks(ctx context.Context, work []pending) error {
	for _, p := range work {
		if p.closing {
			if err := w.s.closeAnswered(ctx, w.tx, p.r, closedReplied); err != nil {
				return err
			}
		}
	}
	return nil
}

// closeAnswered closes an answered review's task unless another review sharing it
// still waits for a reply. The reviews are written first, so the count sees them.
func (s *Service) closeAnswered(ctx context.Context, tx db.Tx, r Review, note string) error {
	if r.TaskID == nil || !r.TaskOpen {
		return nil
	}
	waiting, err := s.store.othersWaiting(ctx, tx, *r.TaskID, r.ID)
	if err != nil || waiting {
		return err
	}
	return s.deps.Tasks.CloseIn(ctx, tx, *r.TaskID, note)
}
