package recall

import (
	"context"
	"net/url"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// Recall messages go out in the branch's daytime only: nobody should be woken to be
// told to book a check-up.
const (
	sendFrom  = 10
	sendUntil = 19
)

// sweepPage is how many due rows one read of the sweep takes.
const sweepPage = 200

// Sweep sends every due recall and every later treatment stage come due, once each
// (the outbox key names the recall and its due date, or the stage), in the branch's
// daytime, by the patient's preferred medium they consented to. It passes by
// patients with a future booking (for a stage: of that stage's service) and those who
// opted out; they stay due and are looked at again on the next run.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	w := &sweep{s: s, branches: map[string]clinic.Branch{}, services: map[string]clinic.Procedure{}}
	n, err := w.recalls(ctx)
	if err != nil {
		return n, err
	}
	m, err := w.stages(ctx)
	return n + m, err
}

// sweep is one run: the branches and services it has read, so each is read once.
type sweep struct {
	s        *Service
	branches map[string]clinic.Branch
	services map[string]clinic.Procedure
}

// horizon is the latest date due rows are read up to: no zone is past tomorrow in UTC.
func (w *sweep) horizon() string {
	return w.s.now().AddDate(0, 0, 1).Format(time.DateOnly)
}

func (w *sweep) recalls(ctx context.Context) (int, error) {
	sent, afterDue, afterID := 0, "", ""
	for {
		rows, err := w.s.store.dueRecalls(ctx, w.horizon(), afterDue, afterID, sweepPage)
		if err != nil || len(rows) == 0 {
			return sent, err
		}
		afterDue, afterID = rows[len(rows)-1].DueOn, rows[len(rows)-1].ID
		reach, err := w.s.markSkips(ctx, rows)
		if err != nil {
			return sent, err
		}
		for _, r := range rows {
			ok, err := w.sendRecall(ctx, r, reach.to[r.PatientID])
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
	}
}

// sendRecall queues one recall's message and marks it sent, in one transaction.
func (w *sweep) sendRecall(ctx context.Context, r Recall, to Address) (bool, error) {
	if r.SkipReason != "" {
		return false, nil
	}
	m, ok, err := w.message(ctx, r.BranchID, r.ServiceID, r.DueOn, r.Contact)
	if err != nil || !ok {
		return false, err
	}
	m.DedupeKey, m.Template, m.PatientID = "recall:"+r.ID+":"+r.DueOn, TemplateRecallDue, r.PatientID
	m.Channel, m.Recipient = to.Medium, to.Address
	return true, w.s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		if err := w.s.deps.Outbox.Enqueue(ctx, tx, m); err != nil {
			return err
		}
		return w.s.store.markRecallMessaged(ctx, tx, r, w.s.now())
	})
}

// message is the common part of a recall's or stage's message, when it is due in its
// branch's calendar, within the branch's sending hours, and branch and service are
// still active (ok false otherwise: it stays due).
func (w *sweep) message(ctx context.Context, branchID, serviceID, dueOn string, c Contact) (messaging.Message, bool, error) {
	b, err := w.branch(ctx, branchID)
	if err != nil {
		return messaging.Message{}, false, err
	}
	local := w.s.now().In(w.s.zone(b.TimeZone))
	if !b.Active || local.Hour() < sendFrom || local.Hour() >= sendUntil || dueOn > local.Format(time.DateOnly) {
		return messaging.Message{}, false, nil
	}
	p, err := w.service(ctx, serviceID)
	if err != nil || !p.Active {
		return messaging.Message{}, false, err // a service no longer sold is not offered
	}
	locale := c.Locale
	if locale == "" {
		locale = b.Locale
	}
	return messaging.Message{BranchID: b.ID, Locale: locale, Data: map[string]any{"Clinic": b.Name,
		"Service": p.Name(locale), "Phone": b.Phone, "Link": w.s.BookingLink(b.ID, p.ID, locale)}}, true, nil
}

func (w *sweep) branch(ctx context.Context, id string) (clinic.Branch, error) {
	if b, ok := w.branches[id]; ok {
		return b, nil
	}
	b, err := w.s.deps.Dir.Branch(ctx, id)
	w.branches[id] = b
	return b, err
}

func (w *sweep) service(ctx context.Context, id string) (clinic.Procedure, error) {
	if p, ok := w.services[id]; ok {
		return p, nil
	}
	p, err := w.s.deps.Dir.Procedure(ctx, id)
	w.services[id] = p
	return p, err
}

// BookingLink is the booking page of a branch with the widget opened on a service,
// in the patient's language.
func (s *Service) BookingLink(branchID, serviceID, locale string) string {
	q := url.Values{"service": {serviceID}, "locale": {locale}}
	return s.deps.PublicURL + "/book/" + branchID + "?" + q.Encode()
}
