package demo

import (
	"context"
	"io"
	"log/slog"
	"sort"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/reminders"
)

// past is the clinic's last days replayed: twins of booking, reminders and the outbox
// dispatcher on a clock the seeder moves forward happening by happening, so every
// booking, reminder sent, reply, check-in and completion goes through the same rules
// and transactions as the real ones, stamped with the time it happened.
type past struct {
	at time.Time
	// until is the end of the replay: now.
	until     time.Time
	documents *documents.Service
	booking   *booking.Service
	reminders *reminders.Service
	outbox    *messaging.Dispatcher
	queue     []happening
}

// happening is one thing that happened at the clinic at a moment.
type happening struct {
	at time.Time
	do func(ctx context.Context) error
}

func (s *seeder) newPast(now time.Time) *past {
	p := &past{until: now}
	clock := func() time.Time { return p.at }
	log := audit.New(s.DB, clock)
	// The outbox twin stamps the texts the visits cause (the booking confirmation, each
	// reminder) with the replay's time, so each goes out when it was due.
	texts := messaging.NewService(s.DB, s.Texts, clock).ShortenLinks(s.PublicURL).Audited(log)
	p.reminders = reminders.NewService(s.DB, texts, clock)
	if s.Links != nil {
		p.reminders.UseLinks(s.Links)
	}
	p.booking = booking.NewService(booking.Deps{DB: s.DB, Dir: s.Clinic, Patients: s.Clinic, Schedule: s.Schedules,
		Gate: documents.NewGate(s.Clinic, log, clock), Reminders: p.reminders, Audit: log, Now: clock})
	// Papers are made from the built-in templates, as the demo's clinic has no others.
	deps := documents.Deps{DB: s.DB, Appointments: p.booking, Dir: s.Clinic, Audit: log, Now: clock}
	if s.Questionnaires != nil {
		deps.Questionnaires = s.Questionnaires
	}
	p.documents = documents.NewService(deps)
	// The demo's texts were sent long ago: nobody needs them in the log now.
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	p.outbox = messaging.NewDispatcher(s.DB, messaging.DispatcherOptions{Log: quiet,
		Default: messaging.NewLogChannel(quiet), Now: clock})
	return p
}

// then adds a happening; one added while the past is replayed happens in its turn.
func (p *past) then(at time.Time, do func(ctx context.Context) error) {
	p.queue = append(p.queue, happening{at: at.UTC(), do: do})
}

// replay runs the happenings in time order up to now, letting reminders come due and
// go out between them, then brings the outbox up to now.
func (p *past) replay(ctx context.Context) error {
	now := p.until
	for len(p.queue) > 0 {
		sort.SliceStable(p.queue, func(i, j int) bool { return p.queue[i].at.Before(p.queue[j].at) })
		h := p.queue[0]
		p.queue = p.queue[1:]
		if h.at.After(now) {
			h.at = now
		}
		if err := p.tick(ctx, h.at); err != nil {
			return err
		}
		if err := h.do(ctx); err != nil {
			return err
		}
	}
	return p.tick(ctx, now)
}

// tick moves the clock to at (never back) and sends what fell due by then.
func (p *past) tick(ctx context.Context, at time.Time) error {
	if at.After(p.at) {
		p.at = at
	}
	if _, err := p.reminders.Sweep(ctx); err != nil {
		return err
	}
	_, err := p.outbox.RunOnce(ctx)
	return err
}
