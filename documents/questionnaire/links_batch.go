package questionnaire

import (
	"context"
	"slices"

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
// want a link and have a patient to reach, and answers the writes of their links and
// messages (each skipped if one was sent already), nil when none is owed; the relay runs them in its own
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
		return s.sendAll(actor.With(ctx, actor.Actor{Kind: actor.System}), tx, owed)
	}, nil
}

// sendAll makes the owed visits' links and queues their messages, a statement for
// all links and one for all messages, skipping each visit whose message another
// delivery queued since the read (asked again on the writer, so a visit never gets
// two links).
func (s *Service) sendAll(ctx context.Context, tx db.Tx, owed []pending) error {
	sent, err := s.outbox.Queued(ctx, tx, sendKeys(owed))
	if err != nil {
		return err
	}
	var (
		links    []link
		messages []messaging.Message
	)
	for _, p := range owed {
		if sent[sendKey(p.visit.ID)] {
			continue
		}
		tok, l := newLink(p.visit)
		p.message.Data = s.linkData(p.visit, tok)
		links, messages = append(links, l), append(messages, p.message)
	}
	if err := insertLinksAll(ctx, tx, links, s.clock()); err != nil {
		return err
	}
	return s.outbox.EnqueueAll(ctx, tx, messages)
}

// sendKeys are the outbox keys of the owed visits' messages.
func sendKeys(owed []pending) []string {
	keys := make([]string, len(owed))
	for i, p := range owed {
		keys[i] = sendKey(p.visit.ID)
	}
	return keys
}

// selectVisitsSQL is selectVisitSQL for many visits at once.
const selectVisitsSQL = `SELECT a.id, a.patient_id, a.branch_id, a.status, a.starts_at, a.ends_at,
	a.rescheduled_to, a.rescheduled_from, b.name AS branch_name, b.locale AS branch_locale, b.country AS branch_country,
	b.time_zone AS branch_zone, b.consent_age AS branch_consent_age
	FROM appointments a JOIN branches b ON b.id = a.branch_id WHERE a.id IN (?)`

// owedLinks reads, on a reader, the visits of ids that want a link and have a patient
// to reach, each once, with their messages. Whether one was sent already is left to
// the write (sendAll asks on the writer anyway): nearly every booking has none, so
// asking a reader too was a round trip per visit for nothing.
func (s *Service) owedLinks(ctx context.Context, ids []string) ([]pending, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	visits, err := selectVisits(ctx, s.db.R, ids)
	if err != nil {
		return nil, err
	}
	if len(visits) != len(ids) {
		return nil, db.ErrNotFound // a visit gone fails the batch, as its own read did
	}
	visits = slices.DeleteFunc(visits, func(v visit) bool { return !v.wantsLink() })
	owed, err := s.messagesFor(ctx, visits)
	// No way to reach the patient: staff hand the link over themselves.
	return slices.DeleteFunc(owed, func(p pending) bool { return p.message.Recipient == "" }), err
}

// messagesFor reads the visits' patients in one statement (one at a time, each was a
// round trip per visit) and addresses each visit's message (no recipient when the
// patient cannot be reached).
func (s *Service) messagesFor(ctx context.Context, visits []visit) ([]pending, error) {
	ids := make([]string, len(visits))
	for i, v := range visits {
		ids[i] = *v.PatientID
	}
	patients, err := s.cards.PatientsTx(ctx, s.db.R, ids)
	if err != nil {
		return nil, err
	}
	owed := make([]pending, len(visits))
	for i, v := range visits {
		m, _ := linkMessage(patients[*v.PatientID], v)
		owed[i] = pending{visit: v, message: m}
	}
	return owed, nil
}

// selectVisits reads the visits of ids, in chunks.
func selectVisits(ctx context.Context, q db.Q, ids []string) ([]visit, error) {
	return db.SelectInChunks[visit](ctx, q, selectVisitsSQL, ids)
}
