// Package staff keeps the clinic's staff users, their roles and branches, and signs
// them in with passwords (argon2id) and opaque bearer tokens.
package staff

import (
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Staff is a person who signs in to Frontdesk.
type Staff struct {
	ID        string     `json:"id"`
	Email     string     `json:"email"`
	Name      string     `json:"name"`
	Role      actor.Role `json:"role"`
	BranchIDs []string   `json:"branch_ids"`
	Active    bool       `json:"active"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// NewStaff is what it takes to create a staff user.
type NewStaff struct {
	Email     string
	Name      string
	Role      actor.Role
	Password  string
	BranchIDs []string
}

// Change is a partial update of a staff user; nil fields stay as they are.
type Change struct {
	Name      *string
	Role      *actor.Role
	Password  *string
	BranchIDs *[]string
	Active    *bool
}

// Session is a signed-in staff member's token. The token is shown once; only its
// SHA-256 is stored.
type Session struct {
	Token     string
	ExpiresAt time.Time
	Staff     Staff
}

// Options tune sign-in.
type Options struct {
	// TokenTTL is how long a token lives (default 12 h).
	TokenTTL time.Duration
	// OnLogin, when set, is told each sign-in outcome ("ok", "bad_credentials",
	// "throttled") for metrics.
	OnLogin func(outcome string)
	// Throttle tunes the per-account and per-IP limits (zero values take defaults).
	Throttle Throttle
}

// Throttle limits repeated failed sign-ins.
type Throttle struct {
	// Window is how far back failures count (default 15 min).
	Window time.Duration
	// SlowAfter failures of an account or IP, answers are delayed (default 3).
	SlowAfter int
	// LockAccountAfter failures of one e-mail lock it for the window (default 5).
	LockAccountAfter int
	// LockIPAfter failures from one IP lock it for the window (default 20).
	LockIPAfter int
	// Delay is added per failure beyond SlowAfter (default 200 ms, at most 2 s in all).
	Delay time.Duration
}

// Errors of the staff package.
var (
	ErrNotFound       = fault.New(fault.NotFound, "staff_not_found", "no such staff user")
	ErrEmailTaken     = fault.New(fault.Conflict, "email_taken", "a staff user with this e-mail exists")
	ErrBadCredentials = fault.New(fault.Unauthorized, "bad_credentials", "the e-mail or password is wrong")
	ErrTokenInvalid   = fault.New(fault.Unauthorized, "token_invalid", "the token is unknown, expired or revoked")
	ErrUnknownBranch  = fault.Field("branch_ids", "unknown_branch", "names a branch that does not exist")
	ErrLastOwner      = fault.New(fault.Conflict, "last_owner", "the clinic must keep at least one active owner")
)

// errThrottled builds the answer to too many failed sign-ins; the same for known and
// unknown e-mails, so it does not reveal which exist.
func errThrottled(retryAfter time.Duration) error {
	return &fault.Error{Kind: fault.TooManyRequests, Code: "too_many_attempts",
		Detail:     "too many failed sign-ins; try again later",
		RetryAfter: int(retryAfter.Round(time.Second).Seconds()) + 1}
}
