package booking

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Patients is how booking finds or registers the patient of a visit (*clinic.Service).
type Patients interface {
	Patient(ctx context.Context, id string) (clinic.Patient, error)
	CreatePatient(ctx context.Context, in clinic.PatientInput) (clinic.Patient, bool, error)
}

// BookRequest is a staff booking.
type BookRequest struct {
	PatientID string
	// Patient registers (or finds, by phone and birth date) the patient inline.
	Patient   *clinic.PatientInput
	ServiceID string
	DoctorID  string
	ChairID   string
	Start     time.Time
	Note      string
	Source    visit.Source
}

// Errors of staff booking.
var (
	ErrDoctorBooksSelf = fault.New(fault.Forbidden, "doctor_books_self", "doctors book only into their own working time")
	ErrInPast          = fault.New(fault.Unprocessable, "too_soon", "the start is in the past")
)

// walkInGrace lets the front desk book a walk-in whose slot began a few minutes ago.
const walkInGrace = 15 * time.Minute

// Book makes an appointment for staff. A doctor may book only themselves; a patient
// new to the clinic booked by a doctor is recorded as referred by that doctor.
func (s *Service) Book(ctx context.Context, req BookRequest) (visit.Visit, error) {
	a, _, err := s.book(ctx, req)
	return a, err
}

// book is Book that also returns the branch's zone, read once for the whole request.
func (s *Service) book(ctx context.Context, req BookRequest) (visit.Visit, *time.Location, error) {
	who := actor.From(ctx)
	if !slices.Contains(visit.StaffSources, req.Source) {
		return visit.Visit{}, nil, fault.Field("source", "oneof", "must be one of: admin phone doctor_app walk_in")
	}
	p, err := s.planVisit(ctx, req.ServiceID, req.DoctorID, req.ChairID, req.Start)
	if err != nil {
		return visit.Visit{}, nil, err
	}
	if who.Role == actor.Doctor && p.doctor.StaffID != who.StaffID {
		return visit.Visit{}, nil, ErrDoctorBooksSelf
	}
	if !who.CanSeeBranch(p.branch.ID) {
		return visit.Visit{}, nil, clinic.ErrBranchForbidden
	}
	if p.start.Before(s.clock().Add(-walkInGrace)) {
		return visit.Visit{}, nil, ErrInPast
	}
	patient, isNew, err := s.patientFor(ctx, req, p.branch.ID)
	if err != nil {
		return visit.Visit{}, nil, err
	}
	row := s.newAppointment(p, visit.Booked, req.Source, &patient.ID)
	row.Note = req.Note
	if who.StaffID != "" {
		row.BookedBy = &who.StaffID
	}
	if isNew && who.Role == actor.Doctor {
		row.ReferredByDoctor = &p.doctor.ID
	}
	loc, _ := loadZone(p.branch.TimeZone)
	if loc == nil {
		loc = time.UTC
	}
	plan, err := s.reminders.Prepare(ctx, row, factsOf(p, patient))
	if err != nil {
		return visit.Visit{}, nil, err
	}
	a, err := s.place(ctx, placement{row: newRow{Visit: row}, chairs: p.chairs, after: s.afterBooked(plan)})
	return a, loc, err
}

// factsOf is what the visit's texts tell of it, from the plan's directory snapshot
// and the patient's card.
func factsOf(p plan, patient clinic.Patient) visit.Facts {
	return visit.Facts{Clinic: p.branch.Name, ClinicPhone: p.branch.Phone, Address: p.branch.Address,
		TimeZone: p.branch.TimeZone, ClinicLocale: p.branch.Locale, Service: p.procedure.Names,
		Doctor: p.doctor.DisplayName, Phone: patient.Phone, Email: patient.Email, Locale: patient.Locale}
}

// patientRefs is what *clinic.Service offers beside Patients: a card checked for the
// actor without the read row, for a booking whose own audit row names the patient.
type patientRefs interface {
	PatientRef(ctx context.Context, id string) (clinic.Patient, error)
}

// afterBooked records a staff booking and plans its reminders by the step prepared
// before its transaction.
func (s *Service) afterBooked(plan func(context.Context, db.Tx, visit.Visit) error) func(context.Context, db.Tx, visit.Visit) error {
	return func(ctx context.Context, tx db.Tx, a visit.Visit) error {
		if err := plan(ctx, tx, a); err != nil {
			return err
		}
		return s.recordChange(ctx, tx, a, visit.EventBooked, "", "")
	}
}

func (s *Service) patientFor(ctx context.Context, req BookRequest, branchID string) (clinic.Patient, bool, error) {
	if req.PatientID != "" {
		if refs, ok := s.patients.(patientRefs); ok {
			p, err := refs.PatientRef(ctx, req.PatientID)
			return p, false, err
		}
		p, err := s.patients.Patient(ctx, req.PatientID)
		return p, false, err
	}
	if req.Patient == nil {
		return clinic.Patient{}, false, fault.Field("patient_id", "required", "give patient_id or patient")
	}
	in := *req.Patient
	in.BranchID = branchID
	return s.patients.CreatePatient(ctx, in)
}

func (s *Service) newAppointment(p plan, status visit.Status, source visit.Source, patientID *string) visit.Visit {
	now := s.clock()
	return visit.Visit{ID: newVisitID(), BranchID: p.branch.ID, PatientID: patientID, ServiceID: p.procedure.ID,
		DoctorID: p.doctor.ID, Start: p.start, End: p.end, BlockedUntil: p.blocked, Status: status,
		Source: source, CreatedAt: now, UpdatedAt: now}
}

// newVisitID orders ids by creation time: a visit's id keys the appointments'
// primary index and the events', reminders', links' and outbox's indexes, and
// ordered keys append to the last page of each where random ones dirty a page
// apiece on every booking's commit.
func newVisitID() string {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.NewString()
	}
	return id.String()
}

// Get returns one appointment the actor may see.
func (s *Service) Get(ctx context.Context, id string) (visit.Visit, error) {
	a, err := s.store.get(ctx, s.db.R, id)
	if err != nil {
		return visit.Visit{}, err
	}
	return a, s.mayTouch(ctx, a)
}

// mayTouch hides appointments of branches the actor does not work at.
func (s *Service) mayTouch(ctx context.Context, a visit.Visit) error {
	if !actor.From(ctx).CanSeeBranch(a.BranchID) {
		return visit.ErrNotFound
	}
	return nil
}

// Day returns a branch's appointments starting on one local date, in start order.
func (s *Service) Day(ctx context.Context, f visit.DayFilter) ([]visit.Visit, error) {
	branch, err := s.dir.Branch(ctx, f.BranchID)
	if err != nil {
		return nil, err
	}
	if !actor.From(ctx).CanSeeBranch(branch.ID) {
		return nil, clinic.ErrBranchForbidden
	}
	from, to, err := LocalDay(f.Date, branch.TimeZone)
	if err != nil {
		return nil, err
	}
	return s.store.day(ctx, branch.ID, from, to, f.DoctorID, string(f.Status))
}

// LocalDay returns the instants that begin and end a local date in a zone (23 or 25
// hours apart on DST change days).
func LocalDay(date, zone string) (from, to time.Time, err error) {
	loc, err := loadZone(zone)
	if err != nil {
		return from, to, err
	}
	d, err := time.ParseInLocation(time.DateOnly, date, loc)
	if err != nil {
		return from, to, fault.Field("date", "invalid", "must be a date YYYY-MM-DD")
	}
	return d.UTC(), d.AddDate(0, 0, 1).UTC(), nil
}
