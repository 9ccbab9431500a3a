package questionnaire

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// pending is a visit owed its link, with the message that carries it.
type pending struct {
	visit   visit
	message messaging.Message
}

// SendLinks is SendLink for many newly booked visits at once, in one transaction
// (PrepareLinks' writes), none if no visit is owed a link.
func (s *Service) SendLinks(ctx context.Context, appointmentIDs []string) error {
	write, err := s.PrepareLinks(ctx, appointmentIDs)
	if err != nil || write == nil {
		return err
	}
	return s.db.InTx(ctx, func(tx db.Tx) error { return write(ctx, tx) })
}

// PrepareLinks is the subscriber's batch: it reads on a reader which of the visits
// are owed a link (wanted, not sent, a patient to reach) and answers the writes of
// their links and messages, nil when none is owed; the relay runs them in its own
// write transaction, as a transaction per visit queued behind every booking at
// SQLite's single writer and the relay fell seconds behind. A visit that cannot be
// read fails the whole batch, which the relay then hands out one visit at a time.
func (s *Service) PrepareLinks(ctx context.Context, appointmentIDs []string) (func(context.Context, db.Tx) error, error) {
	if s.outbox == nil {
		return nil, nil
	}
	owed, err := s.owedLinks(ctx, appointmentIDs)
	if err != nil || len(owed) == 0 {
		return nil, err
	}
	return func(ctx context.Context, tx db.Tx) error {
		ctx = actor.With(ctx, actor.Actor{Kind: actor.System})
		for _, p := range owed {
			if err := s.sendOwed(ctx, tx, p); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// owedLinks reads, on a reader, the visits of ids that want a link, have none sent
// and have a patient to reach, each once, with their messages.
func (s *Service) owedLinks(ctx context.Context, ids []string) ([]pending, error) {
	var owed []pending
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		p, ok, err := s.owedLink(ctx, id)
		if err != nil {
			return nil, err
		}
		if ok {
			owed = append(owed, p)
		}
	}
	return owed, nil
}

// owedLink reads one visit's case: not owed (already sent, not wanted, nobody to
// reach) is ok false.
func (s *Service) owedLink(ctx context.Context, id string) (pending, bool, error) {
	v, err := selectVisit(ctx, s.db.R, id)
	if err != nil || !v.wantsLink() {
		return pending{}, false, err
	}
	if _, sent, err := s.outbox.QueuedAt(ctx, s.db.R, sendKey(v.ID)); err != nil || sent {
		return pending{}, false, err
	}
	p, err := s.cards.PatientTx(ctx, s.db.R, *v.PatientID)
	if err != nil {
		return pending{}, false, err
	}
	m, ok := linkMessage(p, v)
	return pending{visit: v, message: m}, ok, nil
}

// sendOwed makes the link and queues its message, unless another delivery queued one
// since the read (checked again on the writer, so a visit never gets two links).
func (s *Service) sendOwed(ctx context.Context, tx db.Tx, p pending) error {
	if _, sent, err := s.outbox.QueuedAt(ctx, tx, sendKey(p.visit.ID)); err != nil || sent {
		return err
	}
	token, _, err := s.insertLink(ctx, tx, p.visit)
	if err != nil {
		return err
	}
	v := p.visit
	p.message.Data = map[string]any{"Clinic": v.BranchName, "Start": v.Start.In(v.zone()), "Link": s.url(token)}
	return s.outbox.Enqueue(ctx, tx, p.message)
}
