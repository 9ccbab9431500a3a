package clinic

import (
	"errors"
	"slices"
	"time"

	_ "time/tzdata" // branch time zones must resolve even on hosts without a zoneinfo database

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Service holds the clinic directory's rules: branches, chairs, services, doctors and patients.
type Service struct {
	db  *db.DB
	log *audit.Log
	now func() time.Time
	// documentKinds, when set, are the document kinds a service may require.
	documentKinds []string
	// cache answers snapshots' reads.
	cache *directoryCache
}

// NewService returns the directory over d, writing patient audit rows to log and
// reading the time from now (injected so tests can move the clock).
func NewService(d *db.DB, log *audit.Log, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: d, log: log, now: now, cache: &directoryCache{}}
}

// AcceptDocumentKinds limits services' required documents to kinds (the documents
// feature's templates); call it once while wiring, before serving. Without it any
// lowercase token is accepted, as the directory does not know the templates itself.
func (s *Service) AcceptDocumentKinds(kinds []string) {
	s.documentKinds = slices.Clone(kinds)
}

// clock returns the current instant as stored: UTC, truncated to microseconds, which is
// the finest precision both databases keep, so a written value reads back equal.
func (s *Service) clock() time.Time {
	return s.now().UTC().Truncate(time.Microsecond)
}

// scope is the set of branches a list may show: all of them, or the listed ones.
type scope struct {
	all      bool
	branches []string
}

// scopeFor works out which branches an actor's list may show, narrowed to filter when
// one is given. A filter naming a branch the actor does not work at, or an actor
// working nowhere, gives the empty scope: the list is empty rather than refused.
func scopeFor(a actor.Actor, filter string) scope {
	switch {
	case filter != "" && !a.CanSeeBranch(filter):
		return scope{}
	case filter != "":
		return scope{branches: []string{filter}}
	case a.SeesAllBranches():
		return scope{all: true}
	}
	return scope{branches: a.BranchIDs}
}

// notFound turns the store's "no row" into the directory's own not-found error.
func notFound(err, nf error) error {
	if errors.Is(err, db.ErrNotFound) {
		return nf
	}
	return err
}

// orNotFound reports a row the actor may not see the same way as a missing one, so
// lists and reads do not reveal what exists at other branches.
func orNotFound(err error) error {
	if err == nil {
		return db.ErrNotFound
	}
	return err
}

// notFoundField turns the store's "no row" for a referenced id into a bad-field error.
func notFoundField(err error, field, message string) error {
	if errors.Is(err, db.ErrNotFound) {
		return fieldErr(field, "not_found", message)
	}
	return err
}

func fieldErr(field, code, message string) error {
	return fault.Field(field, code, message)
}
