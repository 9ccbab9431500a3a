package recall

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Directory is what recall reads of the clinic directory (*clinic.Service).
type Directory interface {
	Branch(ctx context.Context, id string) (clinic.Branch, error)
	Procedure(ctx context.Context, id string) (clinic.Procedure, error)
	Procedures(ctx context.Context, f clinic.ProcedureFilter) (clinic.Page[clinic.Procedure], error)
	Patient(ctx context.Context, id string) (clinic.Patient, error)
}

// Visits reads a completed visit: its patient, service, branch and start (booking
// fills it in internal/app).
type Visits interface {
	Get(ctx context.Context, id string) (visit.Visit, error)
}

// Bookings tells, per patient, the services of their active visits still to come
// (internal/app fills it from booking's appointments).
type Bookings interface {
	Upcoming(ctx context.Context, patientIDs []string, after time.Time) (map[string][]string, error)
}

// Address is one way to reach a patient: a medium and the phone or e-mail on it.
type Address struct {
	PatientID string
	Medium    string
	Address   string
}

// OptOuts reads messaging's consent ledger: which of the addresses the patient (or
// whoever holds it) opted out of, by the newest row about it (filled in internal/app).
type OptOuts interface {
	OptedOut(ctx context.Context, addresses []Address) (map[Address]bool, error)
}

// Outbox queues messages inside the transaction that caused them (*messaging.Service).
type Outbox interface {
	Enqueue(ctx context.Context, tx db.Tx, m messaging.Message) error
}

// Deps are what recall needs from the rest of the clinic.
type Deps struct {
	DB       *db.DB
	Dir      Directory
	Visits   Visits
	Bookings Bookings
	OptOuts  OptOuts
	Outbox   Outbox
	// Audit records who made plans, dismissed recalls and changed rules; nil records none.
	Audit *audit.Log
	// PublicURL is where the booking page the messages link to is served.
	PublicURL string
	Now       func() time.Time
}

// Service is recall's rules: the intervals, the recalls, the plans and the sweep.
type Service struct {
	deps  Deps
	store store
	zones sync.Map // IANA name → *time.Location
}

// NewService returns recall over deps.
func NewService(deps Deps) *Service {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	deps.PublicURL = strings.TrimRight(deps.PublicURL, "/")
	return &Service{deps: deps, store: store{db: deps.DB}}
}

func (s *Service) now() time.Time { return s.deps.Now().UTC().Truncate(time.Microsecond) }

// zone is the branch's time zone, loaded once per name.
func (s *Service) zone(name string) *time.Location {
	if l, ok := s.zones.Load(name); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	s.zones.Store(name, l)
	return l
}

// branchZone reads a branch and its zone.
func (s *Service) branchZone(ctx context.Context, id string) (clinic.Branch, *time.Location, error) {
	b, err := s.deps.Dir.Branch(ctx, id)
	if err != nil {
		return b, nil, err
	}
	return b, s.zone(b.TimeZone), nil
}

// addMonths moves a date by months, keeping the day but never past the month's end
// (31 August + 6 months is 28 or 29 February, not 3 March).
func addMonths(d time.Time, months int) time.Time {
	first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, months, 0)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d.Day(), last)-1)
}

// localDate is the date of t in loc, as a date at midnight UTC.
func localDate(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
}

// audited records e on q when the service keeps an audit log.
func (s *Service) audited(ctx context.Context, q db.Q, e audit.Entry) error {
	if s.deps.Audit == nil {
		return nil
	}
	return s.deps.Audit.Record(ctx, q, e)
}

func newID() string { return uuid.NewString() }

func itoa(n int) string { return strconv.Itoa(n) }
