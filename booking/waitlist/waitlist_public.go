package waitlist

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/selfservice"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/token"
	"github.com/frontdeskhq/frontdesk/visit"
)

// OfferStatus is where an offer of a freed time is.
type OfferStatus string

// The statuses of an offer. Lost is an offer whose time someone else booked; Expired
// one whose entry was closed or booked through another offer.
const (
	OfferOpen    OfferStatus = "offered"
	OfferTaken   OfferStatus = "taken"
	OfferLost    OfferStatus = "lost"
	OfferExpired OfferStatus = "expired"
)

// Offer is a freed time offered to a waiting patient, as their link shows it.
type Offer struct {
	ID     string
	Status OfferStatus
	// Start and End are in the branch's zone.
	Start     time.Time
	End       time.Time
	ServiceID string
	// Service is the service's name in the patient's language.
	Service string
	Doctor  clinic.Doctor
	Branch  clinic.Branch
	// ExpiresAt is when the link dies: the start of the offered time.
	ExpiresAt time.Time
}

// Errors of waitlist offers.
var (
	ErrOfferNotFound = fault.New(fault.NotFound, "offer_not_found", "this offer link is unknown")
	ErrOfferExpired  = fault.New(fault.Gone, "offer_expired",
		"this offer has ended: its time has come, or the patient left the waitlist or booked another offer")
	ErrOfferTaken = fault.New(fault.Conflict, "offer_taken",
		"this offer is already booked; the confirmation message carries the link to the visit")
)

// openOffer finds the live offer behind a link: unknown tokens are not found, links
// past the offered start, revoked with their entry, or closed offers are gone.
func (w *Waitlist) openOffer(ctx context.Context, tok string) (offerState, Entry, error) {
	if !token.Valid(tok) {
		return offerState{}, Entry{}, ErrOfferNotFound
	}
	st, err := w.store.offerByLink(ctx, token.Hash(tok))
	if errors.Is(err, db.ErrNotFound) {
		return st, Entry{}, ErrOfferNotFound
	}
	if err != nil {
		return st, Entry{}, err
	}
	if st.LinkRevokedAt != nil || !w.booking.Now().Before(st.LinkExpiresAt) || st.Status == OfferExpired {
		return st, Entry{}, ErrOfferExpired
	}
	e, err := w.store.get(ctx, w.db.R, st.EntryID)
	return st, e, err
}

// OpenOffer shows the offer behind a link, in the language of its patient's card.
func (w *Waitlist) OpenOffer(ctx context.Context, token string) (Offer, error) {
	st, e, err := w.openOffer(ctx, token)
	if err != nil {
		return Offer{}, err
	}
	ctx = asPatient(ctx, offerRef(st))
	p, err := w.patients.Patient(ctx, e.PatientID)
	if err != nil {
		return Offer{}, err
	}
	a := visit.Visit{BranchID: e.BranchID, ServiceID: e.ServiceID, DoctorID: st.DoctorID}
	f, err := w.ss.Describe(ctx, a, p.Locale)
	if err != nil {
		return Offer{}, err
	}
	proc, err := w.dir.Procedure(ctx, e.ServiceID)
	if err != nil {
		return Offer{}, err
	}
	end := st.Start.Add(time.Duration(proc.DurationMinutes) * time.Minute)
	return Offer{ID: st.ID, Status: st.Status, Start: st.Start.In(f.Loc), End: end.In(f.Loc), ServiceID: e.ServiceID,
		Service: f.Service, Doctor: f.Doctor, Branch: f.Branch, ExpiresAt: st.LinkExpiresAt.In(f.Loc)}, nil
}

// HoldOffer holds the offered time for the offer's patient through the widget's hold
// flow and sends them the code; they verify it like any hold. Of patients offered the
// same time, the first to hold it gets it (a hold occupies the time) and keeps it by
// verifying; the others are answered slot_taken, and their offers are marked lost
// once the visit is booked.
func (w *Waitlist) HoldOffer(ctx context.Context, token string) (selfservice.Hold, error) {
	st, e, err := w.openOffer(ctx, token)
	switch {
	case err != nil:
		return selfservice.Hold{}, err
	case st.Status == OfferTaken:
		return selfservice.Hold{}, ErrOfferTaken
	case st.Status == OfferLost:
		return selfservice.Hold{}, booking.ErrSlotTaken(booking.ResourceDoctor)
	case e.Status != EntryWaiting:
		return selfservice.Hold{}, ErrOfferExpired
	}
	ctx = asPatient(ctx, offerRef(st))
	who, err := w.holdPatient(ctx, e)
	if err != nil {
		return selfservice.Hold{}, err
	}
	req := selfservice.HoldRequest{ServiceID: e.ServiceID, DoctorID: st.DoctorID, Start: st.Start, Patient: who}
	return w.ss.PlaceOfferHold(ctx, req, func(ctx context.Context, tx db.Tx, a visit.Visit) error {
		err := w.store.attachHold(ctx, tx, st.ID, a.ID)
		if errors.Is(err, db.ErrNotFound) {
			return booking.ErrSlotTaken(booking.ResourceDoctor)
		}
		return err
	})
}

// holdPatient is the entry's patient as a hold carries them: verification finds the
// same card again by the phone it proves.
func (w *Waitlist) holdPatient(ctx context.Context, e Entry) (selfservice.HoldPatient, error) {
	p, err := w.patients.Patient(ctx, e.PatientID)
	if err != nil {
		return selfservice.HoldPatient{}, err
	}
	locale := p.Locale
	if locale == "" {
		b, err := w.dir.Branch(ctx, e.BranchID)
		if err != nil {
			return selfservice.HoldPatient{}, err
		}
		locale = b.Locale
	}
	return selfservice.HoldPatient{FirstName: p.FirstName, LastName: p.LastName, Phone: p.Phone, Email: p.Email,
		BirthDate: p.BirthDate, Locale: locale}, nil
}

// offerRef names the offer's link in audit rows and events, never its token.
func offerRef(st offerState) string {
	if st.LinkHash == nil || len(*st.LinkHash) < 16 {
		return "offer:" + st.ID
	}
	return "link:" + (*st.LinkHash)[:16]
}
