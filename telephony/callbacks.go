package telephony

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// How a callback closed by itself.
const (
	// SelfRecovered: the caller rang again and got through before we called back.
	SelfRecovered = "self_recovered"
	// Recovered: the desk called the number back and was answered.
	Recovered = "recovered"
	// AnsweredLate: the call was answered after all; its answer reached us after its
	// hangup, so the callback it opened was never owed.
	AnsweredLate = "answered"
)

// ended is what a finished call means for the desk: an unanswered inbound call owes a
// callback; an answered one, either way, settles what that number was owed.
func (s *Service) ended(ctx context.Context, tx db.Tx, c Call) error {
	number := c.Caller()
	if !IsPhone(number) || c.Direction == Internal {
		return nil
	}
	switch {
	case *c.Disposition == Answered && c.Direction == Inbound:
		return s.settle(ctx, tx, c, number, SelfRecovered)
	case *c.Disposition == Answered:
		return s.settle(ctx, tx, c, number, Recovered)
	case c.Direction == Inbound && *c.Disposition != ShortAbandon:
		return s.owe(ctx, tx, c, number)
	}
	return nil
}

// owe opens a callback task for a missed call, unless the number is already owed one:
// a patient who rang three times is one call back.
func (s *Service) owe(ctx context.Context, tx db.Tx, c Call, number string) error {
	if _, err := s.store.openCallback(ctx, tx, c.BranchID, number); !errors.Is(err, db.ErrNotFound) {
		return err
	}
	b, err := s.deps.Branches.Branch(ctx, c.BranchID)
	if err != nil {
		return err
	}
	st, err := s.store.settings(ctx, tx, c.BranchID)
	if err != nil {
		return err
	}
	missed := *c.EndAt
	closed, err := s.closedDays(ctx, b, missed)
	if err != nil {
		return err
	}
	due := callbackDue(b, closed, missed, st.CallbackTarget)
	n, err := s.callbackTask(ctx, tx, c, number)
	if err != nil {
		return err
	}
	n.At, n.DueAt = missed, due
	taskID, err := s.deps.Tasks.Open(ctx, tx, n)
	if err != nil {
		return err
	}
	return s.store.insertCallback(ctx, tx, callback{CallID: c.ID, BranchID: c.BranchID, Number: number,
		TaskID: taskID, MissedAt: missed, DueAt: due})
}

// callbackTask names the caller on the task: the patient when the number is one
// card's, else the number alone.
func (s *Service) callbackTask(ctx context.Context, tx db.Tx, c Call, number string) (tasks.New, error) {
	b := c.BranchID
	n := tasks.New{Kind: tasks.Callback, BranchID: &b, Text: "Missed call from " + number}
	ms, err := s.byPhone(ctx, tx, number)
	if err != nil {
		return n, err
	}
	if len(ms) == 1 && !ms[0].Guardian {
		id := ms[0].PatientID
		n.PatientID = &id
	}
	if len(ms) > 0 {
		n.Text = fmt.Sprintf("Missed call from %s (%s)", number, joinNames(ms))
	}
	return n, nil
}

// settle closes what number was owed by an answered call: the callback row and its task.
func (s *Service) settle(ctx context.Context, tx db.Tx, c Call, number, how string) error {
	cb, err := s.store.openCallback(ctx, tx, c.BranchID, number)
	if errors.Is(err, db.ErrNotFound) || (err == nil && c.RingAt.Before(cb.MissedAt)) {
		return nil
	}
	if err != nil {
		return err
	}
	return s.closeOwed(ctx, tx, cb, c, how)
}

// closeOwed closes a callback and its task as reached by the answered call c.
func (s *Service) closeOwed(ctx context.Context, tx db.Tx, cb callback, c Call, how string) error {
	at := *c.EndAt
	if c.AnswerAt != nil {
		at = *c.AnswerAt
	}
	if err := s.store.closeCallback(ctx, tx, cb.CallID, how, c.ID, at); err != nil {
		return err
	}
	return s.deps.Tasks.CloseIn(ctx, tx, cb.TaskID, how)
}

// answeredLate is an ended call whose answer arrived after its hangup (Twilio's
// callbacks can overtake each other): the callback its hangup opened was never owed,
// as the caller was spoken to, and like any answered call it settles what the number
// was owed before.
func (s *Service) answeredLate(ctx context.Context, tx db.Tx, c Call) error {
	cb, err := s.store.openCallbackOf(ctx, tx, c.ID)
	if err == nil {
		err = s.closeOwed(ctx, tx, cb, c, AnsweredLate)
	}
	if err != nil && !errors.Is(err, db.ErrNotFound) {
		return err
	}
	return s.ended(ctx, tx, c)
}

// closedDays are the branch's holidays from the day of missed on, when the clinic
// keeps them (booking/schedule's closures, through internal/app).
func (s *Service) closedDays(ctx context.Context, b clinic.Branch, missed time.Time) (map[string]bool, error) {
	if s.deps.Closures == nil {
		return nil, nil
	}
	return s.deps.Closures.ClosedDays(ctx, b.ID, missed.In(zone(b.TimeZone)).Format(time.DateOnly))
}
