package messaging

import (
	"context"
	"errors"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

const selectBranchName = `SELECT name FROM branches WHERE id = ?`

// clinicName is the name a branch's messages sign with (Clinic in the templates), ""
// for no branch: a reply may come to a question asked without one.
func (s store) clinicName(ctx context.Context, q db.Q, branchID *string) (string, error) {
	if branchID == nil {
		return "", nil
	}
	var name string
	err := db.Get(ctx, q, &name, selectBranchName, *branchID)
	if errors.Is(err, db.ErrNotFound) {
		return "", nil
	}
	return name, err
}
