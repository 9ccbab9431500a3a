package reviews

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Directory is what the calls read of the clinic's directory.
type Directory interface {
	Branch(ctx context.Context, id string) (clinic.Branch, error)
	Procedure(ctx context.Context, id string) (clinic.Procedure, error)
	Doctor(ctx context.Context, id string) (clinic.Doctor, error)
	PatientTx(ctx context.Context, q db.Q, id string) (clinic.Patient, error)
	Patients(ctx context.Context, f clinic.PatientFilter) (clinic.Page[clinic.Patient], error)
	Procedures(ctx context.Context, f clinic.ProcedureFilter) (clinic.Page[clinic.Procedure], error)
}

// Visits reads a visit (filled by booking).
type Visits interface {
	Get(ctx context.Context, id string) (visit.Visit, error)
}

// ClosedDays lists a branch's closed local dates (holidays) on or after from.
type ClosedDays interface {
	ClosedDays(ctx context.Context, branchID, from string) (map[string]bool, error)
}

// OptOuts answers whether a patient asked not to be reached on a medium (messaging's
// consent ledger) and records a patient's word about calls.
type OptOuts interface {
	OptedOut(ctx context.Context, q db.Q, patientID, medium string) (bool, error)
	RecordOptOut(ctx context.Context, q db.Q, patientID, address, medium string, out bool, source string) error
}

// Scripts renders the call scripts in the patient's language (messaging's templates).
type Scripts interface {
	Render(locale, name string, data map[string]any) (string, error)
}

// RecallList finds the patients due for recall before a local date (reviews/recall).
type RecallList interface {
	RecallDue(ctx context.Context, branchID string, before time.Time) ([]string, error)
}

// NoShows finds the patients whose visits in [from, to) ended as no-shows (booking).
type NoShows interface {
	NoShows(ctx context.Context, branchID string, from, to time.Time) ([]string, error)
}

// Deps are what the follow-up calls need from the rest of the clinic.
type Deps struct {
	DB       *db.DB
	Dir      Directory
	Visits   Visits
	Tasks    *tasks.Service
	Closures ClosedDays
	OptOuts  OptOuts
	Scripts  Scripts
	Surveys  Surveys
	// Recalls and NoShows list campaign audiences; nil refuses that source.
	Recalls RecallList
	NoShows NoShows
	Now     func() time.Time
}

// Service is the follow-up calls' rules: plans per service, the call list, attempts and
// retries, campaigns and their figures.
type Service struct {
	deps  Deps
	store store
}

// NewService returns the follow-up calls over deps.
func NewService(deps Deps) *Service {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	return &Service{deps: deps, store: store{db: deps.DB, reads: db.NewReadStatements(deps.DB)}}
}

// UseSurveys plugs the surveys part in (it is built after the core, from it).
func (s *Service) UseSurveys(sv Surveys) { s.deps.Surveys = sv }

// UseRecalls plugs in the recall list for campaigns (reviews/recall, built after the core).
func (s *Service) UseRecalls(r RecallList) { s.deps.Recalls = r }

func (s *Service) clock() time.Time { return s.deps.Now().UTC().Truncate(time.Microsecond) }
