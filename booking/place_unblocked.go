package booking

import (
	"context"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// On PostgreSQL a placement asks what stands in its way and inserts in one statement:
// the insert is a data-modifying WITH that runs only when the blockers query found
// nothing, and the statement answers what it found. A booking that fits (most do) so
// takes one round trip where it took two; one that does not learns its blockers as
// before and goes on as claimResources does. Both parts read one snapshot, so an
// insert committed by another placement meanwhile is still caught by the exclusion
// constraints, the last guard. SQLite has no data-modifying WITH, and no round trips.

const (
	insertUnblockedHead = `WITH blockers AS (` + selectBlockersPostgres + `),
	placed AS (` + insertAppointmentInto + ` SELECT `
	insertUnblockedTail = ` WHERE NOT EXISTS (SELECT 1 FROM blockers) RETURNING 1)
	SELECT resource, expired FROM blockers`
)

// insertUnblocked inserts r, its chair set, unless an active appointment is in the way
// of its doctor or chair, and answers those in the way (none: r is stored).
func (s store) insertUnblocked(ctx context.Context, tx db.Tx, r newRow, now time.Time) ([]blocker, error) {
	values, valueArgs, err := sqlx.Named(newRowValues, r)
	if err != nil {
		return nil, err
	}
	a := r.Visit
	args := append([]any{now, a.DoctorID, a.Start, a.BlockedUntil, a.ID, now, a.ChairID, a.Start, a.BlockedUntil, a.ID},
		valueArgs...)
	var found []blocker
	err = db.Select(ctx, tx, &found, insertUnblockedHead+values+insertUnblockedTail, args...)
	if errors.Is(err, db.ErrExclusion) {
		return nil, raceOn(db.ConstraintName(err))
	}
	return found, err
}
