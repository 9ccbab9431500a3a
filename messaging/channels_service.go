package messaging

import (
	"context"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// ErrBranchNotFound answers for a branch id no branch has.
var ErrBranchNotFound = fault.New(fault.NotFound, "branch_not_found", "no branch has this id")

// BranchChannels lists a branch's channels (settings with secrets in full: the HTTP
// side redacts them).
func (s *Service) BranchChannels(ctx context.Context, branchID string) ([]BranchChannel, error) {
	if err := s.checkBranch(ctx, s.db.R, branchID); err != nil {
		return nil, err
	}
	return s.store.branchChannels(ctx, s.db.R, strings.ToLower(branchID))
}

// SetBranchChannels replaces a branch's channels, one per medium. A secret sent back in
// its redacted form keeps the stored value.
func (s *Service) SetBranchChannels(ctx context.Context, branchID string, list []BranchChannel) ([]BranchChannel, error) {
	branchID = strings.ToLower(branchID)
	seen := map[string]bool{}
	for i, c := range list {
		if err := c.check(i); err != nil {
			return nil, err
		}
		if seen[c.Medium] {
			return nil, fault.Field("channels["+strconv.Itoa(i)+"].medium", "unique", "one channel per medium")
		}
		seen[c.Medium] = true
	}
	var out []BranchChannel
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		if err := s.checkBranch(ctx, tx, branchID); err != nil {
			return err
		}
		stored, err := s.store.branchChannels(ctx, tx, branchID)
		if err != nil {
			return err
		}
		keepStoredSecrets(list, stored)
		if err := s.store.replaceChannels(ctx, tx, branchID, list, s.clock()); err != nil {
			return err
		}
		out, err = s.store.branchChannels(ctx, tx, branchID)
		return err
	})
	return out, err
}

func keepStoredSecrets(list, stored []BranchChannel) {
	for i := range list {
		for _, old := range stored {
			if old.Medium == list[i].Medium && old.Provider == list[i].Provider {
				list[i].keepSecrets(old)
			}
		}
	}
}

func (s *Service) checkBranch(ctx context.Context, q db.Q, branchID string) error {
	if uuid.Validate(branchID) != nil {
		return ErrBranchNotFound
	}
	ok, err := s.store.branchExists(ctx, q, strings.ToLower(branchID))
	if err == nil && !ok {
		return ErrBranchNotFound
	}
	return err
}
