package clinic

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

type chairRow struct {
	ID           string             `db:"id"`
	BranchID     string             `db:"branch_id"`
	Name         string             `db:"name"`
	Capabilities jsonText[[]string] `db:"capabilities"`
	Active       bool               `db:"active"`
	CreatedAt    time.Time          `db:"created_at"`
	UpdatedAt    time.Time          `db:"updated_at"`
}

func (r chairRow) chair() Chair {
	return Chair{ID: r.ID, BranchID: r.BranchID, Name: r.Name, Capabilities: orEmpty(r.Capabilities.V),
		Active: r.Active, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

const chairColumns = `id, branch_id, name, capabilities, active, created_at, updated_at`

const insertChairSQL = `INSERT INTO chairs (` + chairColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?)`

func insertChair(ctx context.Context, q db.Q, c Chair) error {
	return db.Exec(ctx, q, insertChairSQL, c.ID, c.BranchID, c.Name, jsonText[[]string]{c.Capabilities},
		c.Active, c.CreatedAt, c.UpdatedAt)
}

const updateChairSQL = `UPDATE chairs SET name = ?, capabilities = ?, active = ?, updated_at = ? WHERE id = ?`

func updateChair(ctx context.Context, q db.Q, c Chair) error {
	return db.ExecOne(ctx, q, updateChairSQL, c.Name, jsonText[[]string]{c.Capabilities}, c.Active, c.UpdatedAt, c.ID)
}

const selectChairSQL = `SELECT ` + chairColumns + ` FROM chairs WHERE id = ?`

func selectChair(ctx context.Context, q db.Q, id string) (Chair, error) {
	var r chairRow
	err := db.Get(ctx, q, &r, selectChairSQL, id)
	return r.chair(), err
}

// listChairsSQL walks the chairs of the scoped branches by (name, id) after the cursor.
const listChairsSQL = `SELECT ` + chairColumns + ` FROM chairs
	WHERE (? OR branch_id IN (?)) AND (? OR active = ?) AND (name, id) > (?, ?)
	ORDER BY name, id LIMIT ?`

func listChairs(ctx context.Context, q db.Q, sc scope, active *bool, after cursor, limit int) ([]Chair, error) {
	all, ids := scopeArgs(sc)
	anyActive, wantActive := activeArgs(active)
	var rows []chairRow
	err := db.SelectIn(ctx, q, &rows, listChairsSQL, all, ids, anyActive, wantActive, after.Key, after.ID, limit)
	out := make([]Chair, len(rows))
	for i, r := range rows {
		out[i] = r.chair()
	}
	return out, err
}
