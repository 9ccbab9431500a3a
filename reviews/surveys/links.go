package surveys

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// MaxLinks bounds a branch's review links: a message carries all of them.
const MaxLinks = 10

// maxURL bounds one link: review pages' addresses are short, and SMS is paid by length.
const maxURL = 500

// ReviewLinks are a branch's public review links, in their order.
func (s *Service) ReviewLinks(ctx context.Context, branchID string) ([]ReviewLink, error) {
	if _, err := s.branch(ctx, branchID); err != nil {
		return nil, err
	}
	return s.store.links(ctx, s.store.db.R, branchID)
}

// SetReviewLinks replaces a branch's review links with list (empty: none). Each is an
// https page; a named site appears once.
func (s *Service) SetReviewLinks(ctx context.Context, branchID string, list []ReviewLink) ([]ReviewLink, error) {
	if _, err := s.branch(ctx, branchID); err != nil {
		return nil, err
	}
	if err := checkLinks(list); err != nil {
		return nil, err
	}
	err := s.store.db.InTx(ctx, func(tx db.Tx) error { return s.store.setLinks(ctx, tx, branchID, list) })
	if err != nil {
		return nil, err
	}
	return s.ReviewLinks(ctx, branchID)
}

// checkLinks names every bad link as links[i].site or links[i].url.
func checkLinks(list []ReviewLink) error {
	var bad []fault.FieldError
	seen := map[string]bool{}
	for i, l := range list {
		if msg := urlProblem(l.URL); msg != "" {
			bad = append(bad, fault.FieldError{Field: fmt.Sprintf("links[%d].url", i), Code: "https_url", Message: msg})
		}
		if l.Site != Other && seen[l.Site] {
			bad = append(bad, fault.FieldError{Field: fmt.Sprintf("links[%d].site", i), Code: "duplicate",
				Message: "each site may be linked once (use other for further pages)"})
		}
		seen[l.Site] = true
	}
	if len(bad) > 0 {
		return fault.Fields(bad...)
	}
	return nil
}

// urlProblem says what is wrong with a review link, or "" when nothing is: an https
// address of a named host, with no credentials, spaces or fragments of markup.
func urlProblem(raw string) string {
	if len(raw) > maxURL {
		return fmt.Sprintf("must be at most %d characters", maxURL)
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || strings.ContainsAny(raw, " \t\r\n<>\"'`\\"):
		return "must be a URL"
	case u.Scheme != "https":
		return "must be an https URL"
	case u.Hostname() == "" || !strings.Contains(u.Hostname(), ".") || u.User != nil || u.Opaque != "":
		return "must be an https URL of a named host, without a user name"
	}
	return ""
}

// branch reads the zone of a branch the caller may see; another, or one that does
// not exist, is errBranch.
func (s *Service) branch(ctx context.Context, branchID string) (*time.Location, error) {
	loc, found, err := s.zone(ctx, branchID)
	if err == nil && !found {
		err = errBranch
	}
	return loc, err
}

// zone reads the zone of a branch the caller may see (another is errBranch); found is
// false when no branch has the id, which a figure reads as one with no surveys.
func (s *Service) zone(ctx context.Context, branchID string) (loc *time.Location, found bool, err error) {
	if !actor.From(ctx).CanSeeBranch(branchID) {
		return nil, false, errBranch
	}
	zone, err := s.store.branchZone(ctx, branchID)
	if errors.Is(err, db.ErrNotFound) {
		return time.UTC, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if loc, err = time.LoadLocation(zone); err != nil {
		return time.UTC, true, nil
	}
	return loc, true, nil
}
