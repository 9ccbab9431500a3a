// Package waitlist keeps patients waiting for a time of a service and, when a visit is
// cancelled, offers the freed time to them by a link that places a patient hold.
package waitlist

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/booking/selfservice"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// EntryStatus is where a waitlist entry is.
type EntryStatus string

// The statuses of a waitlist entry. Expired is an entry whose last date has passed.
const (
	EntryWaiting   EntryStatus = "waiting"
	EntryBooked    EntryStatus = "booked"
	EntryCancelled EntryStatus = "cancelled"
	EntryExpired   EntryStatus = "expired"
)

// Preferences narrow the times a waiting patient can come, in the branch's local time.
type Preferences struct {
	// Weekdays are ISO weekdays (1 = Monday … 7 = Sunday); none means any day.
	Weekdays []int `json:"weekdays,omitempty"`
	// From and To ("HH:MM") bound the visit: it starts no earlier than From and ends
	// no later than To; "" leaves that side open.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
}

// Entry is a patient waiting for a time of a service at a branch.
type Entry struct {
	ID        string
	PatientID string
	BranchID  string
	ServiceID string
	// DoctorID is the doctor the patient wants, or "" for anyone.
	DoctorID string
	// Earliest and Latest are the branch's local dates (YYYY-MM-DD) the patient can come.
	Earliest    string
	Latest      string
	Preferences Preferences
	Status      EntryStatus
	CreatedBy   string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// JoinRequest puts a patient on the waitlist.
type JoinRequest struct {
	PatientID string
	// Patient registers (or finds) the patient inline, at the entry's branch.
	Patient     *clinic.PatientInput
	BranchID    string
	ServiceID   string
	DoctorID    string
	Earliest    string
	Latest      string
	Preferences Preferences
}

// EntryFilter selects waitlist entries; empty fields select all.
type EntryFilter struct {
	BranchID string
	Status   EntryStatus
}

// Errors of the waitlist.
var (
	ErrEntryNotFound = fault.New(fault.NotFound, "waitlist_entry_not_found", "no such waitlist entry")
	ErrEntryClosed   = fault.New(fault.Conflict, "waitlist_entry_closed", "the entry is already booked or expired")
)

// maxWaitDays bounds the window of one entry.
const maxWaitDays = 366

// Slots answers which times are free (*schedule.Service).
type Slots interface {
	Availability(ctx context.Context, q schedule.Query) (schedule.Result, error)
}

// Deps is what the waitlist needs: patient self-service for holds and offer texts,
// the booking core for its clock and rows, and its own database, directory and log.
type Deps struct {
	Self     *selfservice.Service
	Booking  *booking.Service
	Slots    Slots
	DB       *db.DB
	Dir      booking.Directory
	Patients booking.Patients
	Outbox   selfservice.Outbox
	Audit    *audit.Log
}

// Waitlist keeps patients waiting for a time and offers them freed times: it is the
// relay's subscriber for cancellations, and books through patient holds.
type Waitlist struct {
	ss       *selfservice.Service
	booking  *booking.Service
	sched    Slots
	db       *db.DB
	dir      booking.Directory
	patients booking.Patients
	outbox   selfservice.Outbox
	audit    *audit.Log
	store    waitStore
}

// New returns the waitlist over d.
func New(d Deps) *Waitlist {
	return &Waitlist{ss: d.Self, booking: d.Booking, sched: d.Slots, db: d.DB, dir: d.Dir, patients: d.Patients,
		outbox: d.Outbox, audit: d.Audit, store: waitStore{db: d.DB}}
}

// Join puts a patient on the waitlist. Everything is checked before anything is
// stored: an inline patient is registered only once the rest is known to be good.
func (w *Waitlist) Join(ctx context.Context, req JoinRequest) (Entry, error) {
	if err := checkWindow(req); err != nil {
		return Entry{}, err
	}
	b, err := w.checkWhat(ctx, req)
	if err != nil {
		return Entry{}, err
	}
	if req.Latest < civilOf(w.booking.Now(), branchLoc(b)).String() {
		return Entry{}, fault.Field("latest", "past", "must be today or later at the branch")
	}
	patientID, err := w.patientOf(ctx, req)
	if err != nil {
		return Entry{}, err
	}
	e := w.newEntry(ctx, req, patientID)
	return e, w.db.InTx(ctx, func(tx db.Tx) error {
		if err := w.store.insert(ctx, tx, e); err != nil {
			return err
		}
		return w.audit.Record(ctx, tx, audit.Entry{Action: audit.Create, Entity: "waitlist_entry",
			EntityID: e.ID, PatientID: e.PatientID})
	})
}

func (w *Waitlist) newEntry(ctx context.Context, req JoinRequest, patientID string) Entry {
	now := w.booking.Now()
	prefs := req.Preferences
	slices.Sort(prefs.Weekdays)
	return Entry{ID: uuid.NewString(), PatientID: patientID, BranchID: req.BranchID, ServiceID: req.ServiceID,
		DoctorID: req.DoctorID, Earliest: req.Earliest, Latest: req.Latest, Preferences: prefs,
		Status: EntryWaiting, CreatedBy: actor.From(ctx).StaffID, CreatedAt: now, UpdatedAt: now}
}

// checkWhat checks the branch (and the caller's access to it), the service and the
// doctor, answering the branch.
func (w *Waitlist) checkWhat(ctx context.Context, req JoinRequest) (clinic.Branch, error) {
	b, err := w.dir.Branch(ctx, req.BranchID)
	if err != nil {
		return b, err
	}
	if !actor.From(ctx).CanSeeBranch(b.ID) {
		return b, clinic.ErrBranchForbidden
	}
	proc, err := w.dir.Procedure(ctx, req.ServiceID)
	if err != nil {
		return b, err
	}
	if !b.Active || !proc.Active {
		return b, booking.ErrInactive
	}
	if req.DoctorID != "" {
		err = w.booking.CheckDoctor(ctx, req.ServiceID, req.DoctorID)
	}
	return b, err
}

// patientOf finds the patient named by id, or registers the inline one at the branch
// (answering their field errors under "patient.").
func (w *Waitlist) patientOf(ctx context.Context, req JoinRequest) (string, error) {
	if req.PatientID != "" {
		p, err := w.patients.Patient(ctx, req.PatientID)
		return p.ID, err
	}
	if req.Patient == nil {
		return "", fault.Field("patient_id", "required", "give patient_id or patient")
	}
	in := *req.Patient
	in.BranchID = req.BranchID
	p, _, err := w.patients.CreatePatient(ctx, in)
	if fe, ok := fault.As(err); ok && fe.Kind == fault.Invalid {
		return "", prefixFields(fe, "patient.")
	}
	return p.ID, err
}

// Entries lists entries in the order patients joined. Doctors and nurses see only the
// branches they work at; entries whose last date has passed everywhere show as expired.
func (w *Waitlist) Entries(ctx context.Context, f EntryFilter) ([]Entry, error) {
	if err := w.store.expireStale(ctx, w.booking.Now()); err != nil {
		return nil, err
	}
	who := actor.From(ctx)
	if f.BranchID != "" {
		if err := w.mayList(ctx, f.BranchID); err != nil {
			return nil, err
		}
	}
	if f.BranchID != "" || who.SeesAllBranches() {
		return w.store.list(ctx, f.BranchID, string(f.Status))
	}
	out := []Entry{}
	for _, branchID := range who.BranchIDs {
		list, err := w.store.list(ctx, branchID, string(f.Status))
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
	}
	slices.SortStableFunc(out, func(a, b Entry) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out, nil
}

// mayList answers, like the day view, a branch the directory hides from the caller
// as not found and one they may see but do not work at as forbidden.
func (w *Waitlist) mayList(ctx context.Context, branchID string) error {
	b, err := w.dir.Branch(ctx, branchID)
	if err == nil && !actor.From(ctx).CanSeeBranch(b.ID) {
		return clinic.ErrBranchForbidden
	}
	return err
}

// Leave takes a waiting patient off the list (the entry stays, cancelled) and closes
// the offers still open to them. Leaving twice is fine; a booked entry cannot leave.
func (w *Waitlist) Leave(ctx context.Context, id string) error {
	return w.db.InTx(ctx, func(tx db.Tx) error {
		e, err := w.store.get(ctx, tx, id)
		if errors.Is(err, db.ErrNotFound) || (err == nil && !actor.From(ctx).CanSeeBranch(e.BranchID)) {
			return ErrEntryNotFound
		}
		switch {
		case err != nil:
			return err
		case e.Status == EntryCancelled:
			return nil
		case e.Status != EntryWaiting:
			return ErrEntryClosed
		}
		if err := w.store.close(ctx, tx, id, EntryCancelled, w.booking.Now()); err != nil {
			return err
		}
		return w.audit.Record(ctx, tx, audit.Entry{Action: audit.Update, Entity: "waitlist_entry",
			EntityID: id, PatientID: e.PatientID})
	})
}
