package demo

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Moments of a visit's day, from its start.
const (
	arriveEarly = 8 * time.Minute
	signAfter   = 3 * time.Minute
	seatAfter   = 3 * time.Minute
	finishEarly = 4 * time.Minute
	noShowAfter = 25 * time.Minute
	replyAfter  = 40 * time.Minute
)

// follow puts what happens to a booked visit on the replay: its reminders going out,
// the patient's reply, the questionnaire, the papers and the day at the clinic.
func (s *seeder) follow(ctx context.Context, p *past, v slot, a visit.Visit) error {
	question, err := s.reminding(ctx, p, a.ID)
	if err != nil {
		return err
	}
	if !question.IsZero() && (v.story == confirms || v.story == declines || v.replied) {
		s.reply(p, v, a, question.Add(replyAfter))
	}
	s.papers(p, v, a)
	arrival := v.start.Add(-arriveEarly)
	if v.story == waits {
		arrival = p.until.Add(-6 * time.Minute)
	}
	switch v.story {
	case waits, sits, completes:
		s.move(p, arrival, a.ID, booking.Change{Action: booking.ActionCheckIn}, -1)
	case noShow:
		s.move(p, v.start.Add(noShowAfter), a.ID, booking.Change{Action: booking.ActionNoShow}, -1)
	case cancels:
		s.move(p, v.start.Add(-20*time.Hour), a.ID, booking.Change{Action: booking.ActionCancel,
			Reason: cancelReasons[s.c.Locale], ByPatient: true}, -1)
	}
	if v.story == sits || v.story == completes {
		s.move(p, v.start.Add(seatAfter), a.ID, booking.Change{Action: booking.ActionSeat}, v.doctor)
	}
	if v.story == completes {
		s.move(p, a.End.Add(-finishEarly), a.ID, booking.Change{Action: booking.ActionComplete}, v.doctor)
	}
	return nil
}

// reminding ticks the replay at each reminder of the visit, so each goes out on time,
// and tells when the question asking for a reply goes out (zero: none before now).
func (s *seeder) reminding(ctx context.Context, p *past, id string) (time.Time, error) {
	plans, err := p.reminders.Plans(ctx, id)
	if err != nil {
		return time.Time{}, wrap("reminders", err)
	}
	var question time.Time
	for _, pl := range plans {
		if pl.DueAt.After(p.until) {
			continue
		}
		p.then(pl.DueAt, func(context.Context) error { return nil })
		if question.IsZero() && pl.Template == messaging.TemplateReminderConfirm {
			question = pl.DueAt
		}
	}
	return question, nil
}

// reply records the patient's answer to the question, as self-service does on a reply:
// a yes confirms the visit, a no is the declined_by_patient event (the visit stays on
// the book until the desk calls).
func (s *seeder) reply(p *past, v slot, a visit.Visit, at time.Time) {
	if at.After(p.until) || !at.Before(v.start) {
		return
	}
	p.then(at, func(ctx context.Context) error {
		ctx = replying(ctx)
		if v.story != declines {
			_, err := p.booking.Move(ctx, a.ID, booking.Change{Action: booking.ActionConfirm, Reason: booking.ReplyYes})
			return wrap("confirm by reply", err)
		}
		return wrap("decline by reply", s.DB.InTx(ctx, func(tx db.Tx) error {
			current, err := p.booking.GetIn(ctx, tx, a.ID)
			if err != nil {
				return err
			}
			if err := p.booking.RecordDecline(ctx, tx, current, booking.ReplyNo); err != nil {
				return err
			}
			return s.declineTask(ctx, tx, v, a.ID, at)
		}))
	})
}

// move takes a lifecycle step at a moment: the desk's, or doctor i's (i >= 0).
func (s *seeder) move(p *past, at time.Time, id string, c booking.Change, doctor int) {
	if at.After(p.until) {
		return
	}
	p.then(at, func(ctx context.Context) error {
		ctx = s.atDesk(ctx)
		if doctor >= 0 {
			ctx = s.inChair(ctx, doctor)
		}
		_, err := p.booking.Move(ctx, id, c)
		return wrap("visit "+string(c.Action), err)
	})
}

// cancelReasons are why the demo's patient cancelled, in the clinic's language.
var cancelReasons = map[string]string{
	"en": "Patient rang: down with flu, will book again when well",
	"pl": "Pacjent zadzwonił: grypa, umówi się ponownie po wyzdrowieniu",
	"ru": "Пациент позвонил: заболел гриппом, запишется после выздоровления",
	"sv": "Patienten ringde: influensa, bokar ny tid när hen är frisk",
}
