package clinic

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/versioned"
)

// directoryCache keeps branches, services and doctors by id under the directory's
// version. What is kept is the row as the system reads it; each read through a
// Snapshot checks the caller's branch scope itself.
type directoryCache struct {
	branches   versioned.Cache[string, Branch]
	procedures versioned.Cache[string, Procedure]
	doctors    versioned.Cache[string, Doctor]
}

// Snapshot reads branches, services and doctors as of one version of the directory,
// from memory while that version stands. Triggers count the version up on every
// change to branches, services, doctors, their services and staff's branches and
// active flag, in the changing transaction, so no instance answers from before a
// change once it has committed. Values are shared: callers must not change them.
type Snapshot struct {
	s       *Service
	version int64
}

// selectDirectoryVersion reads the version the directory's triggers count up (the
// schedule's triggers count the same one).
const selectDirectoryVersion = `SELECT version FROM schedule_version WHERE id = 1`

// Snapshot reads the directory's current version: one short read where a booking's
// lookups of its branch, service and doctor took five, and none in a span that
// pinned the version already (versioned.Pin).
func (s *Service) Snapshot(ctx context.Context) (Snapshot, error) {
	v, err := versioned.Current(ctx, func() (int64, error) {
		var v int64
		return v, db.Get(ctx, s.db.R, &v, selectDirectoryVersion)
	})
	return Snapshot{s: s, version: v}, err
}

// Branch is Service.Branch as of the snapshot's version.
func (n Snapshot) Branch(ctx context.Context, id string) (Branch, error) {
	if !actor.From(ctx).CanSeeBranch(id) {
		return Branch{}, ErrBranchNotFound
	}
	b, err := versioned.Read(&n.s.cache.branches, n.version, id, func() (Branch, error) {
		return selectBranch(ctx, n.s.db.R, id)
	})
	return b, notFound(err, ErrBranchNotFound)
}

// Procedure is Service.Procedure as of the snapshot's version.
func (n Snapshot) Procedure(ctx context.Context, id string) (Procedure, error) {
	p, err := versioned.Read(&n.s.cache.procedures, n.version, id, func() (Procedure, error) {
		return selectProcedure(ctx, n.s.db.R, id)
	})
	return p, notFound(err, ErrServiceNotFound)
}

// Doctor is Service.Doctor as of the snapshot's version.
func (n Snapshot) Doctor(ctx context.Context, id string) (Doctor, error) {
	d, err := versioned.Read(&n.s.cache.doctors, n.version, id, func() (Doctor, error) {
		return selectDoctor(ctx, n.s.db.R, id)
	})
	if err != nil || !canSeeDoctor(actor.From(ctx), d) {
		return Doctor{}, notFound(orNotFound(err), ErrDoctorNotFound)
	}
	return d, nil
}
