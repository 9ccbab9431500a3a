package booking

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Action is a lifecycle step staff (or the patient) take on an appointment.
type Action string

// The lifecycle actions.
const (
	ActionConfirm  Action = "confirm"
	ActionCheckIn  Action = "check-in"
	ActionSeat     Action = "seat"
	ActionComplete Action = "complete"
	ActionCancel   Action = "cancel"
	ActionNoShow   Action = "no-show"
)

// transition is one legal step: its statement moves the row only from an allowed
// status, so two clerks clicking at once cannot both succeed.
type transition struct {
	from  []visit.Status
	to    visit.Status
	event visit.Kind
	sql   string
}

var transitions = map[Action]transition{
	ActionConfirm: {from: []visit.Status{visit.Booked}, to: visit.Confirmed, event: visit.EventConfirmed, sql: `UPDATE appointments
		SET status = 'confirmed', confirmed_at = :at, updated_at = :at, sequence = sequence + 1
		WHERE id = :id AND status = 'booked'`},
	ActionCheckIn: {from: []visit.Status{visit.Booked, visit.Confirmed}, to: visit.Arrived, event: visit.EventArrived, sql: `UPDATE appointments
		SET status = 'arrived', arrived_at = :at, arrived_by = :by, updated_at = :at
		WHERE id = :id AND status IN ('booked', 'confirmed')`},
	ActionSeat: {from: []visit.Status{visit.Arrived}, to: visit.Seated, event: visit.EventSeated, sql: `UPDATE appointments
		SET status = 'seated', seated_at = :at, seated_by = :by, updated_at = :at
		WHERE id = :id AND status = 'arrived'`},
	ActionComplete: {from: []visit.Status{visit.Seated}, to: visit.Completed, event: visit.EventCompleted, sql: `UPDATE appointments
		SET status = 'completed', completed_at = :at, completed_by = :by, updated_at = :at
		WHERE id = :id AND status = 'seated'`},
	ActionCancel: {from: []visit.Status{visit.Booked, visit.Confirmed}, to: visit.Cancelled, event: visit.EventCancelled, sql: `UPDATE appointments
		SET status = 'cancelled', cancelled_at = :at, cancelled_by = :party, cancel_reason = :reason,
		updated_at = :at, sequence = sequence + 1
		WHERE id = :id AND status IN ('booked', 'confirmed')`},
	ActionNoShow: {from: []visit.Status{visit.Booked, visit.Confirmed}, to: visit.NoShow, event: visit.EventNoShow, sql: `UPDATE appointments
		SET status = 'no_show', updated_at = :at, sequence = sequence + 1
		WHERE id = :id AND status IN ('booked', 'confirmed') AND starts_at <= :at`},
}

// moveArgs are the named parameters of a transition statement.
type moveArgs struct {
	ID     string    `db:"id"`
	At     time.Time `db:"at"`
	By     *string   `db:"by"`
	Party  string    `db:"party"`
	Reason string    `db:"reason"`
}

// Change is a lifecycle request.
type Change struct {
	Action Action
	// Reason is required to cancel.
	Reason string
	// ByPatient marks a cancellation made by the patient (else by the clinic).
	ByPatient bool
	// OverrideReason asks to seat although documents are unsigned (see SeatingGate).
	OverrideReason string
}

// Move applies a lifecycle action.
func (s *Service) Move(ctx context.Context, id string, c Change) (visit.Visit, error) {
	t, ok := transitions[c.Action]
	if !ok {
		return visit.Visit{}, ErrInvalidTransition
	}
	var out visit.Visit
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		a, err := s.store.get(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.checkMove(ctx, tx, a, c, t); err != nil {
			return err
		}
		out, err = s.applyMove(ctx, tx, a, c, t)
		return err
	})
	return out, err
}

func (s *Service) checkMove(ctx context.Context, tx db.Tx, a visit.Visit, c Change, t transition) error {
	if err := s.mayTouch(ctx, a); err != nil {
		return err
	}
	if !contains(t.from, a.Status) {
		return ErrInvalidTransition
	}
	if c.Action == ActionCancel && strings.TrimSpace(c.Reason) == "" {
		return fault.Field("reason", "required", "say why the visit is cancelled")
	}
	if c.Action == ActionNoShow && s.clock().Before(a.Start) {
		return ErrNoShowTooEarly
	}
	if c.Action == ActionSeat {
		return s.gate.MaySeat(ctx, tx, visit.Seating{Visit: a, OverrideReason: strings.TrimSpace(c.OverrideReason)})
	}
	return nil
}

func (s *Service) applyMove(ctx context.Context, tx db.Tx, a visit.Visit, c Change, t transition) (visit.Visit, error) {
	args := moveArgs{ID: a.ID, At: s.clock(), Party: "clinic", Reason: strings.TrimSpace(c.Reason)}
	if who := actor.From(ctx); who.StaffID != "" {
		args.By = &who.StaffID
	}
	if c.ByPatient {
		args.Party = "patient"
	}
	res, err := sqlx.NamedExecContext(ctx, tx, t.sql, args)
	if err != nil {
		return visit.Visit{}, db.Map(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return visit.Visit{}, errors.Join(ErrInvalidTransition, err)
	}
	moved, err := s.store.get(ctx, tx, a.ID)
	if err != nil {
		return visit.Visit{}, err
	}
	if err := s.recordChange(ctx, tx, moved, t.event, a.Status, args.Reason); err != nil {
		return visit.Visit{}, err
	}
	return moved, s.remindAfterMove(ctx, tx, c.Action, moved)
}

func contains(list []visit.Status, s visit.Status) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
