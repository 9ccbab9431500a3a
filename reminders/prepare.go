package reminders

import (
	"cmp"
	"context"
	"encoding/json"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/token"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Prepare does, before a staff booking's transaction, what planning the visit about to
// be booked (a, not yet stored) needs no transaction for: it takes the visit's facts
// from the booking (f) and the branch's rules as last read, makes its manage link's
// token and renders its confirmation and first reminder. The step it returns runs in
// the booking's transaction, where only the inserts are left: on SQLite the one writer
// no longer waits on a join and on templates. Should the branch's reminder rules or
// confirmation setting differ from those used (changed in between, or by another
// instance), the step plans afresh in the transaction (Planned), so a visit never
// keeps rules replaced before it was stored.
func (s *Service) Prepare(ctx context.Context, a visit.Visit, f visit.Facts) (func(context.Context, db.Tx, visit.Visit) error, error) {
	rules, err := s.rulesFor(ctx, a.BranchID, a.Source)
	if err != nil {
		return nil, err
	}
	v, err := plannedOf(a, f, rules)
	if err != nil {
		return nil, err
	}
	p := &prepared{s: s, v: v, rules: rules}
	if reachable(v) {
		if err := p.render(ctx, a.Source); err != nil {
			return nil, err
		}
	}
	return p.write, nil
}

// rulesFor are the branch's rules for source as last read, read only when none were
// kept.
func (s *Service) rulesFor(ctx context.Context, branchID string, source visit.Source) (branchRules, error) {
	key := rulesKey{branchID, source}
	if r, ok := s.seen.get(key); ok {
		return r, nil
	}
	r, err := s.store.rules(ctx, branchID, source)
	if err == nil {
		s.seen.put(key, r)
	}
	return r, err
}

// plannedOf is what planning needs of a: the booking's facts and the branch's rules r.
func plannedOf(a visit.Visit, f visit.Facts, r branchRules) (plannedVisit, error) {
	names, err := json.Marshal(f.Service)
	if err != nil {
		return plannedVisit{}, err
	}
	locale := cmp.Or(f.Locale, f.ClinicLocale)
	return plannedVisit{AppointmentID: a.ID, BranchID: a.BranchID, PatientID: a.PatientID, Status: string(a.Status),
		StartsAt: a.Start, EndsAt: a.End, Phone: f.Phone, Email: f.Email, Locale: locale, Clinic: f.Clinic,
		BranchPhone: f.ClinicPhone, TimeZone: f.TimeZone, ServiceNames: string(names), Doctor: f.Doctor,
		Settings: r.settings(), Address: f.Address, ConfirmBooking: r.ConfirmBooking, source: a.Source}, nil
}

// prepared is a new visit's reminders made ready before its transaction.
type prepared struct {
	s *Service
	v plannedVisit
	// rules are the branch's rules v was planned by.
	rules branchRules
	// token is the manage link's, "" when no text carries the link.
	token string
	batch messaging.Batch
	plans []Plan
}

// render plans the visit at version 1 and renders its confirmation and the reminders
// to queue now into p's batch.
func (p *prepared) render(ctx context.Context, source visit.Source) error {
	long := ""
	if p.s.links != nil {
		p.token = token.New()
		long = p.s.links.ManageURL(p.token)
		p.v.manageLink = long
	}
	confirmation, err := p.s.confirmation(ctx, nil, &p.v, source)
	if err != nil {
		return err
	}
	plans, texts, err := p.s.planTexts(ctx, nil, &p.v, 1)
	if err != nil {
		return err
	}
	texts = append(confirmation, texts...)
	if err := p.shareLink(texts, long); err != nil {
		return err
	}
	p.plans = plans
	return p.s.outbox.Prepare(&p.batch, texts...)
}

// shareLink gives the texts that carry the manage link one short link to it, and
// forgets the link when none carries it.
func (p *prepared) shareLink(texts []messaging.Message, long string) error {
	short := ""
	for _, m := range texts {
		if long == "" || m.Data["Link"] != long {
			continue
		}
		if short == "" {
			var err error
			if short, err = p.s.outbox.Short(&p.batch, long); err != nil {
				return err
			}
		}
		m.Data["Link"] = short
	}
	if short == "" {
		p.token = ""
	}
	return nil
}

// write stores the prepared link, texts and plans of visit a on tx, or plans a afresh
// when what they were made from has changed.
func (p *prepared) write(ctx context.Context, tx db.Tx, a visit.Visit) error {
	if !reachable(p.v) {
		return nil
	}
	same, err := p.rulesAsRead(ctx, tx)
	if err != nil {
		return err
	}
	if !same || a.ID != p.v.AppointmentID {
		return p.s.Planned(ctx, tx, a)
	}
	if p.token != "" {
		if err := p.s.links.StoreManageLink(ctx, tx, a, p.token); err != nil {
			return err
		}
	}
	if err := p.s.outbox.EnqueueBatch(ctx, tx, p.batch); err != nil {
		return err
	}
	return p.s.store.insertPlans(ctx, tx, p.plans)
}

// rulesAsRead tells on tx whether the branch's rules are still those p was made with,
// and keeps what it read for the next booking.
func (p *prepared) rulesAsRead(ctx context.Context, tx db.Tx) (bool, error) {
	now, err := p.s.store.rulesIn(ctx, tx, p.v.BranchID, p.v.source)
	if err != nil {
		return false, err
	}
	p.s.seen.put(rulesKey{p.v.BranchID, p.v.source}, now)
	return now == p.rules, nil
}
