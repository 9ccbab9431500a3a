package waitlist

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/booking/selfservice"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/token"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/visit"
)

// OnEvent is the waitlist's subscriber to visit events. A cancelled, moved or released visit
// frees its time, which is offered to the matching waiting patients; a booking settles
// the offers it touches. Redelivery is harmless: an offer is unique per entry, doctor
// and start, its message per dedupe key, and settling is guarded updates.
func (w *Waitlist) OnEvent(ctx context.Context, e visit.Event) error {
	switch e.Kind {
	case visit.EventCancelled, visit.EventRescheduled, visit.EventReleased:
		return w.offerFreed(ctx, e.VisitID)
	case visit.EventBooked:
		return w.settle(ctx, e.VisitID)
	}
	return nil
}

// offerFreed offers the time a visit freed to each waiting patient whose entry wants
// that service (and doctor, dates and times), if the time is still bookable.
func (w *Waitlist) offerFreed(ctx context.Context, appointmentID string) error {
	a, err := w.booking.GetIn(ctx, w.db.R, appointmentID)
	if err != nil || a.Status.Active() || !a.Start.After(w.booking.Now()) {
		return err
	}
	b, err := w.dir.Branch(ctx, a.BranchID)
	if err != nil {
		return err
	}
	entries, err := w.candidates(ctx, a, branchLoc(b))
	if err != nil || len(entries) == 0 {
		return err
	}
	if free, err := w.stillFree(ctx, a, branchLoc(b)); err != nil || !free {
		return err
	}
	for _, e := range entries {
		if err := w.offer(ctx, e, a, b); err != nil {
			return err
		}
	}
	return nil
}

// candidates are the waiting entries for the freed visit's service, doctor and local
// date whose preferences admit its time, first come first.
func (w *Waitlist) candidates(ctx context.Context, a visit.Visit, loc *time.Location) ([]Entry, error) {
	start, end := a.Start.In(loc), a.End.In(loc)
	entries, err := w.store.matching(ctx, a, start.Format(time.DateOnly))
	return slices.DeleteFunc(entries, func(e Entry) bool { return !e.Preferences.admits(start, end) }), err
}

// admits reports whether a visit from start to end (local times) suits the preferences.
func (p Preferences) admits(start, end time.Time) bool {
	if len(p.Weekdays) > 0 && !slices.Contains(p.Weekdays, civilOf(start, start.Location()).isoWeekday()) {
		return false
	}
	from, _ := clockMinute(p.From)
	to, _ := clockMinute(p.To)
	if p.From != "" && start.Hour()*60+start.Minute() < from {
		return false
	}
	sameDay := end.Format(time.DateOnly) == start.Format(time.DateOnly)
	return p.To == "" || (sameDay && end.Hour()*60+end.Minute() <= to)
}

// stillFree asks the availability engine whether a patient could book the freed time
// now (the doctor still works then, nobody took it, it is outside the notice). A
// service or doctor gone inactive meanwhile means no.
func (w *Waitlist) stillFree(ctx context.Context, a visit.Visit, loc *time.Location) (bool, error) {
	res, err := w.sched.Availability(ctx, schedule.Query{BranchID: a.BranchID, ServiceID: a.ServiceID, DoctorID: a.DoctorID,
		From: a.Start.In(loc).Format(time.DateOnly), Days: 1})
	if _, domain := fault.As(err); domain {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	for _, d := range res.Days {
		for _, s := range d.Slots {
			if s.Start.Equal(a.Start) && slices.Contains(s.Doctors, a.DoctorID) {
				return true, nil
			}
		}
	}
	return false, nil
}

// errOffered rolls back an offer made before (a redelivered event).
var errOffered = errors.New("booking: this time was offered to this entry before")

// offer stores an offer of a's time to one entry with its link, and queues the message
// carrying the link, in one transaction. A patient who cannot be read (merged away)
// is skipped.
func (w *Waitlist) offer(ctx context.Context, e Entry, a visit.Visit, b clinic.Branch) error {
	p, err := w.patients.Patient(ctx, e.PatientID)
	if _, domain := fault.As(err); domain {
		return nil
	}
	if err != nil {
		return err
	}
	locale := p.Locale
	if locale == "" {
		locale = b.Locale
	}
	facts, err := w.ss.Describe(ctx, a, locale)
	if err != nil {
		return err
	}
	tok := token.New()
	err = w.db.InTx(ctx, func(tx db.Tx) error {
		return w.storeOffer(ctx, tx, e, a, p, token.Hash(tok), func() messaging.Message {
			return offerMessage(e, a, p, locale, facts, w.ss.PublicURL()+"/w/"+tok)
		})
	})
	if errors.Is(err, errOffered) {
		return nil
	}
	return err
}

func (w *Waitlist) storeOffer(ctx context.Context, tx db.Tx, e Entry, a visit.Visit, p clinic.Patient, hash string,
	message func() messaging.Message) error {
	now := w.booking.Now()
	if err := w.store.insertOfferLink(ctx, tx, hash, p.ID, a.Start, now); err != nil {
		return err
	}
	blocked := a.BlockedUntil
	created, err := w.store.insertOffer(ctx, tx, offerRow{ID: uuid.NewString(), EntryID: e.ID, DoctorID: a.DoctorID,
		Start: a.Start, BlockedUntil: &blocked, LinkHash: &hash, CreatedAt: now})
	if err != nil {
		return err
	}
	if !created {
		return errOffered
	}
	return w.outbox.Enqueue(ctx, tx, message())
}

// offerMessage is the SMS with the offer's link, keyed waitlist:<entry>:<doctor>:<start>.
func offerMessage(e Entry, a visit.Visit, p clinic.Patient, locale string, f selfservice.Visit, link string) messaging.Message {
	return messaging.Message{DedupeKey: offerKey(e.ID, a.DoctorID, a.Start), Channel: messaging.SMS,
		Recipient: p.Phone, PatientID: p.ID, BranchID: a.BranchID, Locale: locale, Template: messaging.TemplateWaitlistOffer,
		Data: map[string]any{"Clinic": f.Branch.Name, "Service": f.Service, "Doctor": f.Doctor.DisplayName,
			"Start": a.Start.In(f.Loc), "Link": link}}
}

func offerKey(entryID, doctorID string, start time.Time) string {
	return "waitlist:" + entryID + ":" + doctorID + ":" + start.UTC().Format(time.RFC3339)
}
