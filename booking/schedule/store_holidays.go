package schedule

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

const selectOpenDays = `SELECT id, branch_id, day, reason, created_at FROM branch_open_days
	WHERE branch_id = ? AND day >= ? ORDER BY day`

func (s schedStore) openDaysFrom(ctx context.Context, branchID, from string) ([]OpenDay, error) {
	out := []OpenDay{}
	err := db.Select(ctx, s.db.R, &out, selectOpenDays, branchID, from)
	for i := range out {
		out[i].CreatedAt = out[i].CreatedAt.UTC()
	}
	return out, err
}

const insertOpenDay = `INSERT INTO branch_open_days (id, branch_id, day, reason, created_at) VALUES (?, ?, ?, ?, ?)`

func (s schedStore) insertOpenDay(ctx context.Context, o OpenDay) error {
	return db.Exec(ctx, s.db.W, insertOpenDay, o.ID, o.BranchID, o.Date, o.Reason, o.CreatedAt)
}

const deleteOpenDay = `DELETE FROM branch_open_days WHERE id = ? AND branch_id = ?`

func (s schedStore) deleteOpenDay(ctx context.Context, branchID, id string) error {
	return db.ExecOne(ctx, s.db.W, deleteOpenDay, id, branchID)
}
