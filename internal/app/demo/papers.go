package demo

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/visit"
)

// papers puts a visit's questionnaire and pack on the replay: the patient fills the
// questionnaire the evening before, the desk prints the pack before the patient comes
// (the evening before, or as they arrive) and records the signatures at the desk.
func (s *seeder) papers(p *past, v slot, a visit.Visit) {
	filled := latest(v.start.Add(-18*time.Hour), p.until.Add(-40*time.Minute), v.bookedAt.Add(30*time.Minute))
	// A questionnaire link lasts until a day after the visit.
	if s.Questionnaires != nil && v.filled && filled.Before(v.start) && v.start.Add(23*time.Hour).After(p.until) {
		p.then(filled, func(ctx context.Context) error { return s.fill(ctx, v, a.ID) })
	}
	arrival := v.start.Add(-arriveEarly)
	if v.story == waits {
		arrival = p.until.Add(-6 * time.Minute)
	}
	printed := latest(v.start.Add(-14*time.Hour), p.until.Add(-20*time.Minute), filled.Add(time.Minute))
	if v.signed {
		printed = arrival.Add(time.Minute)
	}
	if v.printed && !printed.After(p.until) {
		p.then(printed, func(ctx context.Context) error {
			return wrap("print pack", p.documents.Pack(s.atDesk(ctx), io.Discard, a.ID))
		})
	}
	if v.signed {
		p.then(arrival.Add(signAfter), func(ctx context.Context) error { return s.sign(ctx, p, a.ID, v.story == waits) })
	}
}

// latest is the earliest of want and cap, but not before floor.
func latest(want, cap, floor time.Time) time.Time {
	if cap.Before(want) {
		want = cap
	}
	if want.Before(floor) {
		return floor
	}
	return want
}

// sign records the patient's signatures on paper: every document, or only the
// contract for a patient who is still reading the consents (some=true).
func (s *seeder) sign(ctx context.Context, p *past, id string, some bool) error {
	ctx = s.atDesk(ctx)
	list, err := p.documents.Checklist(ctx, id)
	if err != nil {
		return wrap("checklist", err)
	}
	for i, item := range list.Items {
		if item.Document == nil || item.Status == documents.Signed || (some && i > 0) {
			continue
		}
		_, err := p.documents.Sign(ctx, item.Document.ID, documents.Signing{SignedBy: documents.SignedByPatient,
			Method: "paper"})
		if err != nil {
			return wrap("sign "+item.Kind, err)
		}
	}
	return nil
}

// fill answers the visit's questionnaire as its patient would, through a link of their
// own: who they are, as on their card, and a health history (some with an alert).
func (s *seeder) fill(ctx context.Context, v slot, id string) error {
	link, err := s.Questionnaires.CreateLink(s.atDesk(ctx), id)
	if err != nil {
		return wrap("questionnaire link", err)
	}
	token := link.URL[strings.LastIndex(link.URL, "/")+1:]
	_, problems, err := s.Questionnaires.Submit(ctx, token, answers(s.cards[v.patient], v.health))
	if err != nil {
		return wrap("questionnaire", err)
	}
	if len(problems) > 0 {
		return wrap("questionnaire", fmt.Errorf("answers refused: %+v", problems))
	}
	return nil
}

// health is what a demo patient tells in the questionnaire.
type health int

// The demo's health histories: nothing to note, an allergy to anaesthetics, a heart
// condition (both become medical alerts on the visit).
const (
	healthy health = iota
	allergic
	cardiac
)

// answers are a demo patient's questionnaire: who they are, as on their card, and
// their health history.
func answers(c card, h health) questionnaire.Raw {
	raw := questionnaire.Raw{"first_name": {c.First}, "last_name": {c.Last}, "birth_date": {c.BirthDate},
		"sex": {c.Sex}, "phone": {c.Phone}, "consent_data": {"true"}, "consent_reminders": {"true"},
		"conditions": {"none"}, "allergies": {"none"}, "smoking": {"false"}}
	if c.Email != "" {
		raw["email"] = []string{c.Email}
	}
	if c.Sex == "female" {
		raw["pregnancy"] = []string{"no"}
	}
	switch h {
	case allergic:
		raw["allergies"] = []string{"anaesthetics"}
	case cardiac:
		raw["conditions"] = []string{"cardiovascular"}
	}
	return raw
}
