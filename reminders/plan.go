package reminders

import (
	"context"
	"encoding/json"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/visit"
)

// queueAhead is how far ahead of its due time a plan gets its outbox row: the sweep
// queues what falls due within it, so a sweep missed or slow never makes one late.
const queueAhead = 6 * time.Hour

// zone is the branch's location; UTC when unreadable (instants stay right either way).
func (v plannedVisit) zone() *time.Location {
	return clinic.Zone(v.TimeZone) // loaded once per name; UTC when unknown
}

// templateFor picks the text of the i-th reminder of a visit: a question (it expects a
// reply) or a plain reminder once the visit is confirmed.
func templateFor(style string, i int, confirmed bool) (name string, question bool) {
	switch {
	case confirmed:
		return messaging.TemplateReminderPlain, false
	case style == StyleReplyIfNotComing:
		return messaging.TemplateReminderNotComing, true
	case i == 0:
		return messaging.TemplateReminderConfirm, true
	}
	return messaging.TemplateReminderPlain, false
}

// plansFor computes a visit's reminders at version under settings st.
func plansFor(v plannedVisit, st Settings, loc *time.Location, version int, now time.Time) []Plan {
	confirmed := v.Status == string(visit.Confirmed)
	dues := dueTimes(st, loc, v.StartsAt, now)
	out := make([]Plan, len(dues))
	for i, d := range dues {
		tpl, _ := templateFor(st.Style, i, confirmed)
		out[i] = Plan{AppointmentID: v.AppointmentID, Rule: d.rule,
			Version: version, Template: tpl, DueAt: d.at, Status: Planned, UpdatedAt: now}
	}
	return out
}

// plan writes a visit's reminders at version on tx and queues the first one (and any
// due soon) in the outbox, together with the texts along (a booking's confirmation) in
// one statement; the sweep queues the rest as they come near.
func (s *Service) plan(ctx context.Context, tx db.Tx, v *plannedVisit, version int, along ...messaging.Message) error {
	if !reachable(*v) {
		return nil
	}
	plans, texts, err := s.planTexts(ctx, tx, v, version)
	if err != nil {
		return err
	}
	if err := s.outbox.EnqueueAll(ctx, tx, append(along, texts...)); err != nil {
		return err
	}
	return s.store.insertPlans(ctx, tx, plans)
}

// planTexts computes a visit's reminders at version, and the texts of those to queue
// now (the first and any due soon), which it marks queued. tx makes the visit's manage
// link; it is not used when v carries one already.
func (s *Service) planTexts(ctx context.Context, tx db.Tx, v *plannedVisit, version int) ([]Plan, []messaging.Message, error) {
	now := s.clock()
	plans := plansFor(*v, parseSettings(v.Settings), v.zone(), version, now)
	var texts []messaging.Message
	for i := range plans {
		if i == 0 || plans[i].DueAt.Before(now.Add(queueAhead)) {
			m, err := s.reminderText(ctx, tx, v, plans[i])
			if err != nil {
				return nil, nil, err
			}
			texts, plans[i].Status = append(texts, m), Queued
		}
	}
	return plans, texts, nil
}

// reachable tells whether the patient can be written to at all.
func reachable(v plannedVisit) bool { return v.PatientID != nil && (v.Phone != "" || v.Email != "") }

// enqueue queues one plan's message under its key, with NotBefore at its due time.
func (s *Service) enqueue(ctx context.Context, tx db.Tx, v *plannedVisit, p Plan) error {
	m, err := s.reminderText(ctx, tx, v, p)
	if err != nil {
		return err
	}
	return s.outbox.Enqueue(ctx, tx, m)
}

// reminderText is one plan's message, under its key, with NotBefore at its due time.
func (s *Service) reminderText(ctx context.Context, tx db.Tx, v *plannedVisit, p Plan) (messaging.Message, error) {
	data, err := s.messageData(ctx, tx, v, true)
	if err != nil {
		return messaging.Message{}, err
	}
	m := s.message(*v, p.Key(), p.Template, data)
	m.NotBefore = p.DueAt
	_, m.ExpectsReply = questionTemplates[p.Template]
	return m, nil
}

// questionTemplates are the texts that ask for a reply.
var questionTemplates = map[string]struct{}{
	messaging.TemplateReminderConfirm: {}, messaging.TemplateReminderNotComing: {},
}

// message addresses a text about visit v to its patient: by SMS when there is a
// phone, else by e-mail.
func (s *Service) message(v plannedVisit, key, template string, data map[string]any) messaging.Message {
	m := messaging.Message{DedupeKey: key, Channel: messaging.SMS, Recipient: v.Phone, PatientID: *v.PatientID,
		AppointmentID: v.AppointmentID, BranchID: v.BranchID, Locale: v.Locale, Template: template, Data: data}
	if v.Phone == "" {
		m.Channel, m.Recipient = messaging.Email, v.Email
	}
	return m
}

// messageData fills the visit texts; Link is the manage link when one can be made,
// and the texts fall back to the branch's phone without it.
func (s *Service) messageData(ctx context.Context, tx db.Tx, v *plannedVisit, withLink bool) (map[string]any, error) {
	link := ""
	if withLink && s.links != nil {
		if v.manageLink == "" {
			var err error
			if v.manageLink, err = s.manageLink(ctx, tx, v); err != nil {
				return nil, err
			}
		}
		link = v.manageLink
	}
	return map[string]any{"Clinic": v.Clinic, "Service": serviceName(v.ServiceNames, v.Locale), "Doctor": v.Doctor,
		"Start": v.StartsAt.In(v.zone()), "Link": link, "Phone": v.BranchPhone, "Address": v.Address}, nil
}

// manageLink makes the visit's manage link, shortened once for all its texts in tx.
func (s *Service) manageLink(ctx context.Context, tx db.Tx, v *plannedVisit) (string, error) {
	long, err := s.links.ManageLink(ctx, tx, visit.Visit{ID: v.AppointmentID, PatientID: v.PatientID,
		BranchID: v.BranchID, Start: v.StartsAt, End: v.EndsAt})
	if err != nil {
		return "", err
	}
	return s.outbox.Shorten(ctx, tx, long)
}

// serviceName is the service's name in locale, else in English, else any.
func serviceName(names, locale string) string {
	var m map[string]string
	if json.Unmarshal([]byte(names), &m) != nil {
		return ""
	}
	for _, l := range []string{locale, messaging.FallbackLocale} {
		if n := m[l]; n != "" {
			return n
		}
	}
	for _, n := range m {
		return n
	}
	return ""
}
