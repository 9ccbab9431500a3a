// Package actor tells services who is acting on a request (a staff member, a patient
// through a link, or the system) and the request's identity for the audit log.
package actor

import (
	"context"
	"slices"
)

// Kind is who acts.
type Kind string

// The kinds of actors.
const (
	System  Kind = "system"
	Staff   Kind = "staff"
	Patient Kind = "patient"
)

// Role is a staff member's role.
type Role string

// The staff roles.
const (
	Owner  Role = "owner"
	Admin  Role = "admin"
	Doctor Role = "doctor"
	Nurse  Role = "nurse"
)

// Roles lists every staff role, in order of authority.
var Roles = []Role{Owner, Admin, Doctor, Nurse}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Actor is the one acting on a request.
type Actor struct {
	Kind      Kind
	StaffID   string
	Role      Role
	BranchIDs []string
	// PatientLink is the id of the patient link used, for patient actors.
	PatientLink string
}

// SeesAllBranches reports whether the actor may see every branch: owners and admins do,
// doctors and nurses see only the branches they work at. A patient is not scoped by
// branch: the public directory is open to them, and what of their own they may touch
// is decided by the single-purpose link they act through, never by a branch.
func (a Actor) SeesAllBranches() bool {
	return a.Kind == System || a.Kind == Patient || a.Role == Owner || a.Role == Admin
}

// CanSeeBranch reports whether the actor may see data of the given branch.
func (a Actor) CanSeeBranch(branchID string) bool {
	return a.SeesAllBranches() || slices.Contains(a.BranchIDs, branchID)
}

// Request identifies the HTTP request behind an action.
type Request struct {
	ID string
	IP string
}

type actorKey struct{}
type requestKey struct{}

// With returns ctx carrying the actor.
func With(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// From returns the actor in ctx; without one it is the system.
func From(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return Actor{Kind: System}
}

// WithRequest returns ctx carrying the request identity.
func WithRequest(ctx context.Context, r Request) context.Context {
	return context.WithValue(ctx, requestKey{}, r)
}

// RequestFrom returns the request identity in ctx, empty when there is none.
func RequestFrom(ctx context.Context) Request {
	r, _ := ctx.Value(requestKey{}).(Request)
	return r
}
