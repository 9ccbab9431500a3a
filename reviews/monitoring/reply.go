package monitoring

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// ReplyInput is a reply as an administrator writes it; Post sends it as well.
type ReplyInput struct {
	Text string
	Post bool
}

// Reply saves the reply to a review as a draft and, when asked, posts it: through
// Google for a Google source (the draft is saved first, so a refusal of Google's
// keeps it and answers ErrProvider), or, for an imported site, as posted by hand by
// the caller. Posting closes the review's reply task.
func (s *Service) Reply(ctx context.Context, id string, in ReplyInput) (Review, error) {
	by := actor.From(ctx).StaffID
	if by == "" {
		return Review{}, ErrNoStaff
	}
	r, err := s.Get(ctx, id)
	if err != nil {
		return Review{}, err
	}
	src, err := s.store.source(ctx, s.store.db.R, r.SourceID)
	if err != nil {
		return Review{}, err
	}
	if !in.Post || src.Kind != Google {
		return s.save(ctx, id, func(r *Review) { s.draft(r, by, in.Text, in.Post) })
	}
	return s.postToGoogle(ctx, src, r, by, in.Text)
}

// postToGoogle saves the draft, then sends it to Google outside any transaction (a
// slow Google holds no row), then records the reply as Google keeps it.
func (s *Service) postToGoogle(ctx context.Context, src Source, r Review, by, text string) (Review, error) {
	if _, err := s.save(ctx, r.ID, func(r *Review) { s.draft(r, by, text, false) }); err != nil {
		return Review{}, err
	}
	got, err := s.google.putReply(ctx, src, r.ExternalID, text)
	if err != nil {
		return Review{}, providerRefused(err)
	}
	// Google's time of the reply is when it appeared: the figure's end, and what a
	// later poll compares the review's own update time with.
	at, perr := googleTime(got.UpdateTime)
	if perr != nil || at.IsZero() {
		at = s.clock()
	}
	if got.Comment == "" {
		got.Comment = text
	}
	return s.save(ctx, r.ID, func(r *Review) { r.ReplyText = got.Comment; posted(r, by, at) })
}

// draft writes the caller's reply text onto r; posting it by hand marks it posted now.
func (s *Service) draft(r *Review, by, text string, post bool) {
	now := s.clock()
	r.ReplyText, r.ReplyDraftedBy, r.ReplyDraftedAt, r.ReplyStatus = text, &by, &now, ReplyDrafted
	if post {
		posted(r, by, now)
	}
}

// posted marks r's reply posted by a staff member at a time; the first posting is the
// end of the review's time to first reply.
func posted(r *Review, by string, at time.Time) {
	r.ReplyStatus, r.ReplyPostedBy, r.ReplyPostedAt = ReplyPosted, &by, &at
	if r.FirstReplyAt == nil {
		r.FirstReplyAt = &at
	}
}

// save changes a review under its row lock in one transaction; a posted reply closes
// its task there too (a shared task once no review of it waits).
func (s *Service) save(ctx context.Context, id string, change func(r *Review)) (Review, error) {
	err := s.store.db.InTx(ctx, func(tx db.Tx) error {
		if err := s.store.lock(ctx, tx, id); err != nil {
			return err
		}
		r, err := s.visible(ctx, tx, id)
		if err != nil {
			return err
		}
		change(&r)
		if err := s.store.update(ctx, tx, r); err != nil || r.ReplyStatus != ReplyPosted {
			return err
		}
		return s.closeAnswered(ctx, tx, r, closedPosted)
	})
	if err != nil {
		return Review{}, err
	}
	return s.Get(ctx, id)
}
