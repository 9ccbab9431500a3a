package inventory

import (
	"context"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// Directory is what the inventory reads of the clinic directory (*clinic.Service).
type Directory interface {
	Branch(ctx context.Context, id string) (clinic.Branch, error)
	Doctor(ctx context.Context, id string) (clinic.Doctor, error)
	Chair(ctx context.Context, id string) (clinic.Chair, error)
}

// Deps are what the inventory needs from the rest of the clinic.
type Deps struct {
	DB    *db.DB
	Dir   Directory
	Tasks *tasks.Service
	Audit *audit.Log
	// Visits reads a completed visit's service, doctor, chair and branch; nil leaves
	// consumption per procedure off.
	Visits Visits
	// Outbox sends the boards' daily digests; nil sends none.
	Outbox Outbox
	Now    func() time.Time
}

// Service is the inventory's rules: the directory of items and places, and the ledger.
type Service struct {
	store store
	deps  Deps
}

// NewService returns the inventory over deps.
func NewService(deps Deps) *Service {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	return &Service{store: store{db: deps.DB, hot: db.NewTxStatements(deps.DB)}, deps: deps}
}

// DB is the database the inventory runs on, for its parts' own transactions.
func (s *Service) DB() *db.DB { return s.deps.DB }

// Now is the service's clock, truncated as the database keeps instants.
func (s *Service) Now() time.Time { return s.deps.Now().UTC().Truncate(time.Microsecond) }

// Tasks is the work queue the inventory opens stock and maintenance tasks in.
func (s *Service) Tasks() *tasks.Service { return s.deps.Tasks }

// Branch reads a branch of the directory (its zone, locale, currency).
func (s *Service) Branch(ctx context.Context, id string) (clinic.Branch, error) {
	return s.deps.Dir.Branch(ctx, id)
}

func newID() string { return uuid.NewString() }

// staffOf is the signed-in staff member of ctx, if any, for the ledger's "who".
func staffOf(ctx context.Context) *string {
	if id := actor.From(ctx).StaffID; id != "" {
		return &id
	}
	return nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
