package widget

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// MaxOrigins bounds the websites one branch may list.
const MaxOrigins = 20

const (
	selectOrigins = `SELECT origin FROM branch_origins WHERE branch_id = ? ORDER BY origin`
	deleteOrigins = `DELETE FROM branch_origins WHERE branch_id = ?`
	insertOrigin  = `INSERT INTO branch_origins (branch_id, origin, created_at) VALUES (?, ?, ?)`
	countOrigin   = `SELECT COUNT(*) FROM branch_origins WHERE branch_id = ? AND origin = ?`
	// Verify and resend name a hold, not a branch: the hold knows its branch.
	selectHoldBranch = `SELECT branch_id FROM appointments WHERE id = ?`
)

// Origins returns the website origins allowed to call the public API for a branch
// the caller may see, sorted.
func (s *Service) Origins(ctx context.Context, branchID string) ([]string, error) {
	if _, err := s.dir.Branch(ctx, branchID); err != nil {
		return nil, err
	}
	out := []string{}
	return out, db.Select(ctx, s.db.R, &out, selectOrigins, branchID)
}

// SetOrigins replaces a branch's allowed origins. Each must be an http(s) origin —
// scheme, host and optional port, as a browser sends it in the Origin header — and is
// stored in that form (lower case, no default port, no trailing slash).
func (s *Service) SetOrigins(ctx context.Context, branchID string, origins []string) ([]string, error) {
	clean, err := normalizeAll(origins)
	if err != nil {
		return nil, err
	}
	if _, err := s.dir.Branch(ctx, branchID); err != nil {
		return nil, err
	}
	now := s.now()
	err = s.db.InTx(ctx, func(tx db.Tx) error {
		if err := db.Exec(ctx, tx, deleteOrigins, branchID); err != nil {
			return err
		}
		for _, o := range clean {
			if err := db.Exec(ctx, tx, insertOrigin, branchID, o, now); err != nil {
				return err
			}
		}
		return nil
	})
	return clean, err
}

func normalizeAll(origins []string) ([]string, error) {
	if len(origins) > MaxOrigins {
		return nil, fault.Field("origins", "max", fmt.Sprintf("must list at most %d origins", MaxOrigins))
	}
	var bad []fault.FieldError
	clean := make([]string, 0, len(origins))
	for i, o := range origins {
		n, ok := NormalizeOrigin(o)
		if !ok {
			bad = append(bad, fault.FieldError{Field: fmt.Sprintf("origins[%d]", i), Code: "origin",
				Message: "must be a website origin such as https://clinic.example (scheme, host, optional port; no path)"})
			continue
		}
		if !slices.Contains(clean, n) {
			clean = append(clean, n)
		}
	}
	if len(bad) > 0 {
		return nil, fault.Fields(bad...)
	}
	slices.Sort(clean)
	return clean, nil
}

// NormalizeOrigin returns origin as browsers send it in the Origin header, or false
// when it is not an http(s) origin.
func NormalizeOrigin(origin string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(origin))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery || len(origin) > 255 {
		return "", false
	}
	host := strings.ToLower(u.Host)
	defaultPort := map[string]string{"https": ":443", "http": ":80"}[u.Scheme]
	return u.Scheme + "://" + strings.TrimSuffix(host, defaultPort), true
}

// AllowsOrigin reports whether the branch lists origin (already in browser form).
func (s *Service) AllowsOrigin(ctx context.Context, branchID, origin string) (bool, error) {
	if _, err := uuid.Parse(branchID); err != nil {
		return false, nil
	}
	var n int
	err := db.Get(ctx, s.db.R, &n, countOrigin, strings.ToLower(branchID), origin)
	return n > 0, err
}

// HoldBranch returns the branch of a hold (or of the visit it became); "" when there
// is no such hold.
func (s *Service) HoldBranch(ctx context.Context, holdID string) (string, error) {
	if _, err := uuid.Parse(holdID); err != nil {
		return "", nil
	}
	var branchID string
	err := db.Get(ctx, s.db.R, &branchID, selectHoldBranch, strings.ToLower(holdID))
	if errors.Is(err, db.ErrNotFound) {
		return "", nil
	}
	return branchID, err
}
