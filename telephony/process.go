package telephony

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// batch is how many signals one round takes: a busy clinic's minute of calls.
const batch = 100

// ProcessOnce applies the oldest waiting signals to their calls, each in its own
// transaction with the mark that it is done, so a signal acts once even when two
// rounds overlap. It returns how many it applied.
func (s *Service) ProcessOnce(ctx context.Context) (int, error) {
	pending, err := s.store.pending(ctx, batch)
	if err != nil {
		return 0, err
	}
	done := 0
	for _, p := range pending {
		err := s.store.db.InTx(ctx, func(tx db.Tx) error {
			if err := s.store.processed(ctx, tx, p.ID, s.clock()); err != nil {
				return err
			}
			return s.apply(ctx, tx, p)
		})
		if errors.Is(err, db.ErrNotFound) {
			continue // another round applied it first
		}
		if err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}

// apply moves one call on by one signal.
func (s *Service) apply(ctx context.Context, tx db.Tx, p storedSignal) error {
	var sig Signal
	if err := json.Unmarshal([]byte(p.Signal), &sig); err != nil {
		return err
	}
	l, err := s.store.line(ctx, tx, p.LineID)
	if err != nil {
		return err
	}
	c, isNew, err := s.callFor(ctx, tx, l, sig)
	if err != nil {
		return err
	}
	wasOpen, wasAnswered := c.EndAt == nil, answeredCall(c)
	if err := s.step(ctx, tx, l, &c, sig); err != nil {
		return err
	}
	if err := s.store.saveCall(ctx, tx, c, isNew); err != nil {
		return err
	}
	if wasOpen && c.EndAt != nil {
		return s.ended(ctx, tx, c)
	}
	if !wasOpen && !wasAnswered && answeredCall(c) {
		// the answer overtook the hangup on the wire: what the hangup opened is undone
		return s.answeredLate(ctx, tx, c)
	}
	return nil
}

func answeredCall(c Call) bool { return c.Disposition != nil && *c.Disposition == Answered }

// callFor finds the call a signal belongs to, or starts it.
func (s *Service) callFor(ctx context.Context, tx db.Tx, l Line, sig Signal) (Call, bool, error) {
	c, err := s.store.callByProvider(ctx, tx, l.Provider, sig.CallID)
	if err == nil {
		return c, false, nil
	}
	if !errors.Is(err, db.ErrNotFound) {
		return Call{}, false, err
	}
	dir := sig.Direction
	if dir == "" {
		dir = Inbound
	}
	return Call{ID: newID(), BranchID: l.BranchID, LineID: l.ID, Provider: l.Provider, ProviderCallID: sig.CallID,
		Direction: dir, RingAt: sig.At}, true, nil
}

// step records what the signal says on the call. Times only move to the earliest a
// provider reported, so legs and retries never push them later.
func (s *Service) step(ctx context.Context, tx db.Tx, l Line, c *Call, sig Signal) error {
	fill(c, l, sig)
	if sig.At.Before(c.RingAt) {
		c.RingAt = sig.At
	}
	switch sig.Step {
	case Answer:
		return s.answered(ctx, tx, l, c, sig)
	case End:
		return s.end(ctx, tx, c, sig)
	}
	return nil
}

// fill takes what the call does not know yet from the signal.
func fill(c *Call, l Line, sig Signal) {
	if sig.Direction != "" {
		c.Direction = sig.Direction
	}
	if c.From == "" && sig.From != "" {
		c.From = Normalize(sig.From, l.Country)
	}
	if c.To == "" && sig.To != "" {
		c.To = Normalize(sig.To, l.Country)
	}
	if sig.Recording != "" {
		c.Recording = sig.Recording
	}
}

func (s *Service) answered(ctx context.Context, tx db.Tx, l Line, c *Call, sig Signal) error {
	if c.AnswerAt != nil && !sig.At.Before(*c.AnswerAt) {
		return nil
	}
	at := sig.At
	c.AnswerAt = &at
	if sig.Extension != "" {
		c.Extension = sig.Extension
		by, err := s.store.staffOf(ctx, tx, l.ID, sig.Extension)
		if err != nil {
			return err
		}
		c.AnsweredBy = by
	}
	if c.EndAt != nil {
		// the answer overtook the hangup on the wire: the call was answered after all
		d := Answered
		c.Disposition = &d
	}
	return nil
}

// end closes the call and decides how it ended.
func (s *Service) end(ctx context.Context, tx db.Tx, c *Call, sig Signal) error {
	if c.EndAt != nil {
		return nil
	}
	at := sig.At
	c.EndAt = &at
	if sig.Extension != "" && c.Extension == "" {
		c.Extension = sig.Extension
	}
	st, err := s.store.settings(ctx, tx, c.BranchID)
	if err != nil {
		return err
	}
	d := disposition(*c, sig.Disposition, st)
	c.Disposition = &d
	if d == Answered && c.AnswerAt == nil {
		// the provider said answered in its summary without an answer event
		c.AnswerAt = &at
	}
	return nil
}

// disposition decides how a call ended: answered when anyone picked up (a ring group
// answered by a colleague is answered for all), else the provider's word, else missed,
// or a short abandon when an inbound caller hung up within the branch's threshold.
func disposition(c Call, said string, st Settings) string {
	if c.AnswerAt != nil || said == Answered {
		return Answered
	}
	if slices.Contains([]string{BusyLine, Failed, Voicemail}, said) {
		return said
	}
	if c.Direction == Inbound && c.EndAt != nil && c.EndAt.Sub(c.RingAt) < st.ShortAbandon {
		return ShortAbandon
	}
	return Missed
}

// staleAfter is how long a call with no reported end stays on the live list.
const staleAfter = 2 * time.Hour
