package booking

import (
	"context"
	"errors"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// maxRaceRetries bounds how often a placement that lost a race in the database is
// tried again; each retry sees the winner and answers slot_taken or picks another chair.
const maxRaceRetries = 4

// placement is one appointment to place and the chairs it may take, best first.
type placement struct {
	row    newRow
	chairs []string
	// before runs first in the transaction (a reschedule frees the old visit here).
	before func(ctx context.Context, tx db.Tx) error
	// after runs last in the transaction: events, audit, links, messages.
	after func(ctx context.Context, tx db.Tx, a visit.Visit) error
}

// place stores an appointment if its doctor and one of its chairs are free for the
// whole visit plus buffer. The same code runs on both databases: on SQLite the write
// transaction is BEGIN IMMEDIATE, so check and insert are one step; on Postgres the
// exclusion constraints catch what concurrent transactions could not see.
func (s *Service) place(ctx context.Context, p placement) (visit.Visit, error) {
	for attempt := 0; ; attempt++ {
		a, err := s.placeOnce(ctx, p)
		var race errRace
		lost := errors.As(err, &race) || errors.Is(err, db.ErrRetry)
		if !lost {
			return a, err
		}
		if attempt == maxRaceRetries {
			if race.resource == "" {
				race.resource = ResourceDoctor
			}
			return visit.Visit{}, ErrSlotTaken(race.resource)
		}
	}
}

func (s *Service) placeOnce(ctx context.Context, p placement) (visit.Visit, error) {
	r := p.row
	if err := s.store.warm(ctx); err != nil {
		return visit.Visit{}, err
	}
	err := s.placements.InTx(db.WithLater(ctx), func(tx db.Tx) error {
		if err := s.store.planOnce(ctx, tx); err != nil {
			return err
		}
		if p.before != nil {
			if err := p.before(ctx, tx); err != nil {
				return err
			}
		}
		if err := s.placeRow(ctx, tx, &r, p.chairs); err != nil {
			return err
		}
		return p.after(ctx, tx, r.Visit)
	})
	return r.Visit, err
}
