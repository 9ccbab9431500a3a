package staff

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/versioned"
)

// Service is the staff directory and sign-in.
type Service struct {
	db    *db.DB
	store store
	audit *audit.Log
	now   func() time.Time
	opts  Options
	// tokens keeps who live tokens stand for (liveToken), by token hash.
	tokens versioned.Cache[string, liveToken]
}

// keptTokens bounds the tokens kept under one access version.
const keptTokens = 10000

// NewService returns the staff service over d.
func NewService(d *db.DB, log *audit.Log, now func() time.Time, opts Options) *Service {
	s := &Service{db: d, store: store{db: d}, audit: log, now: now, opts: withDefaults(opts)}
	s.tokens.Limit = keptTokens
	return s
}

func withDefaults(o Options) Options {
	if o.TokenTTL <= 0 {
		o.TokenTTL = 12 * time.Hour
	}
	if o.OnLogin == nil {
		o.OnLogin = func(string) {}
	}
	t := &o.Throttle
	t.Window = orDefault(t.Window, 15*time.Minute)
	t.Delay = orDefault(t.Delay, 200*time.Millisecond)
	t.SlowAfter = orDefault(t.SlowAfter, 3)
	t.LockAccountAfter = orDefault(t.LockAccountAfter, 5)
	t.LockIPAfter = orDefault(t.LockIPAfter, 20)
	return o
}

func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// normalEmail is the form e-mails are stored and compared in: e-mails are unique
// regardless of case.
func normalEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Create adds a staff user.
func (s *Service) Create(ctx context.Context, n NewStaff) (Staff, error) {
	hash, err := HashPassword(n.Password)
	if err != nil {
		return Staff{}, err
	}
	now := s.clock()
	r := row{ID: uuid.NewString(), Email: normalEmail(n.Email), Name: strings.TrimSpace(n.Name),
		Role: string(n.Role), PasswordHash: hash, Active: true, CreatedAt: now, UpdatedAt: now}
	err = s.db.InTx(ctx, func(tx db.Tx) error {
		if err := s.store.insert(ctx, tx, r); err != nil {
			if errors.Is(err, db.ErrConflict) {
				return ErrEmailTaken
			}
			return err
		}
		if err := s.setBranches(ctx, tx, r.ID, n.BranchIDs); err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, audit.Entry{Action: audit.Create, Entity: "staff", EntityID: r.ID})
	})
	if err != nil {
		return Staff{}, err
	}
	return toStaff(r, dedupe(n.BranchIDs)), nil
}

func (s *Service) setBranches(ctx context.Context, tx db.Tx, staffID string, branchIDs []string) error {
	branchIDs = dedupe(branchIDs)
	for _, b := range branchIDs {
		if _, err := uuid.Parse(b); err != nil {
			return ErrUnknownBranch
		}
		ok, err := s.store.branchExists(ctx, tx, b)
		if err != nil {
			return err
		}
		if !ok {
			return ErrUnknownBranch
		}
	}
	return s.store.setBranches(ctx, tx, staffID, branchIDs)
}

// Get returns one staff user.
func (s *Service) Get(ctx context.Context, id string) (Staff, error) {
	return s.load(ctx, s.db.R, id)
}

func (s *Service) load(ctx context.Context, q db.Q, id string) (Staff, error) {
	r, err := s.store.byID(ctx, q, id)
	if errors.Is(err, db.ErrNotFound) {
		return Staff{}, ErrNotFound
	}
	if err != nil {
		return Staff{}, err
	}
	branches, err := s.store.branchIDs(ctx, q, id)
	return toStaff(r, branches), err
}

// List returns staff ordered by e-mail after the given e-mail, optionally of one role.
func (s *Service) List(ctx context.Context, after string, role actor.Role, limit int) ([]Staff, error) {
	rows, err := s.store.page(ctx, after, string(role), limit)
	if err != nil {
		return nil, err
	}
	out := make([]Staff, 0, len(rows))
	for _, r := range rows {
		branches, err := s.store.branchIDs(ctx, s.db.R, r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, toStaff(r, branches))
	}
	return out, nil
}

// Update changes a staff user. Deactivating one or changing the password revokes
// their tokens; the last active owner cannot be demoted or deactivated.
func (s *Service) Update(ctx context.Context, id string, c Change) (Staff, error) {
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		r, err := s.store.byID(ctx, tx, id)
		if errors.Is(err, db.ErrNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		wasOwner := r.Role == string(actor.Owner) && r.Active
		revoke, err := applyChange(&r, c)
		if err != nil {
			return err
		}
		if err := s.keepAnOwner(ctx, tx, r, wasOwner); err != nil {
			return err
		}
		return s.saveChange(ctx, tx, r, c, revoke)
	})
	if err != nil {
		return Staff{}, err
	}
	return s.Get(ctx, id)
}

// keepAnOwner refuses to demote or deactivate the last active owner: nobody could
// manage staff afterwards.
func (s *Service) keepAnOwner(ctx context.Context, tx db.Tx, r row, wasOwner bool) error {
	if !wasOwner || (r.Role == string(actor.Owner) && r.Active) {
		return nil
	}
	n, err := s.store.otherActiveOwners(ctx, tx, r.ID)
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrLastOwner
	}
	return nil
}

func (s *Service) saveChange(ctx context.Context, tx db.Tx, r row, c Change, revoke bool) error {
	r.UpdatedAt = s.clock()
	if err := s.store.update(ctx, tx, r); err != nil {
		return err
	}
	if c.BranchIDs != nil {
		if err := s.setBranches(ctx, tx, r.ID, *c.BranchIDs); err != nil {
			return err
		}
	}
	if revoke {
		if err := s.store.revokeAll(ctx, tx, r.ID, r.UpdatedAt); err != nil {
			return err
		}
	}
	return s.audit.Record(ctx, tx, audit.Entry{Action: audit.Update, Entity: "staff", EntityID: r.ID})
}

// applyChange applies c to r and reports whether the user's tokens must be revoked.
func applyChange(r *row, c Change) (bool, error) {
	revoke := false
	if c.Name != nil {
		r.Name = strings.TrimSpace(*c.Name)
	}
	if c.Role != nil {
		revoke = revoke || r.Role != string(*c.Role)
		r.Role = string(*c.Role)
	}
	if c.Active != nil {
		revoke = revoke || !*c.Active
		r.Active = *c.Active
	}
	if c.Password != nil {
		hash, err := HashPassword(*c.Password)
		if err != nil {
			return false, err
		}
		r.PasswordHash, revoke = hash, true
	}
	return revoke, nil
}

func toStaff(r row, branches []string) Staff {
	if branches == nil {
		branches = []string{}
	}
	return Staff{ID: r.ID, Email: r.Email, Name: r.Name, Role: actor.Role(r.Role), BranchIDs: branches,
		Active: r.Active, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, id := range ids {
		id = strings.ToLower(id)
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
