package monitoring

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// store is review monitoring's SQL; the rules live in the service.
type store struct{ db *db.DB }

const sourceColumns = `id, branch_id, kind, site, name, account_id, location_id, access_token, base_url,
	newest_seen_at, last_polled_at, last_error, active, created_at FROM review_sources`

const insertSource = `INSERT INTO review_sources (id, branch_id, kind, site, name, account_id, location_id,
	access_token, base_url, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)`

func (s store) insertSource(ctx context.Context, x Source) error {
	return db.Exec(ctx, s.db.W, insertSource, x.ID, x.BranchID, x.Kind, x.Site, x.Name, x.AccountID, x.LocationID,
		x.AccessToken, x.BaseURL, x.CreatedAt)
}

const selectSource = `SELECT ` + sourceColumns + ` WHERE id = ?`

func (s store) source(ctx context.Context, q db.Q, id string) (Source, error) {
	var x Source
	return x, db.Get(ctx, q, &x, selectSource, id)
}

const selectBranchSources = `SELECT ` + sourceColumns + ` WHERE branch_id = ? ORDER BY created_at, id`

func (s store) branchSources(ctx context.Context, branchID string) ([]Source, error) {
	out := []Source{}
	return out, db.Select(ctx, s.db.R, &out, selectBranchSources, branchID)
}

const updateSource = `UPDATE review_sources SET name = ?, access_token = ?, base_url = ?, active = ? WHERE id = ?`

func (s store) updateSource(ctx context.Context, x Source) error {
	return db.ExecOne(ctx, s.db.W, updateSource, x.Name, x.AccessToken, x.BaseURL, x.Active, x.ID)
}

// selectPolled lists the sources the poller visits, the longest unpolled first.
const selectPolled = `SELECT ` + sourceColumns + ` WHERE kind = 'google' AND active
	ORDER BY CASE WHEN last_polled_at IS NULL THEN 0 ELSE 1 END, last_polled_at, id`

func (s store) polled(ctx context.Context) ([]Source, error) {
	out := []Source{}
	return out, db.Select(ctx, s.db.R, &out, selectPolled)
}

// lockSource takes the source's row for the transaction (a no-op update: PostgreSQL's
// row lock, SQLite's one writer), so a poll, a poll-now and an import of one source
// never interleave their reads and writes of its reviews.
const lockSource = `UPDATE review_sources SET active = active WHERE id = ?`

func (s store) lockSource(ctx context.Context, tx db.Tx, id string) error {
	return db.ExecOne(ctx, tx, lockSource, id)
}

// markPolled records a poll: the newest update time stored so far (never moving back,
// should a slower poll of the same source finish last), when, and what went wrong
// ("" for nothing).
const markPolled = `UPDATE review_sources SET
	newest_seen_at = CASE WHEN newest_seen_at IS NULL OR newest_seen_at < ? THEN ? ELSE newest_seen_at END,
	last_polled_at = ?, last_error = ? WHERE id = ?`

func (s store) markPolled(ctx context.Context, q db.Q, id string, newest *time.Time, at time.Time, failure string) error {
	return db.Exec(ctx, q, markPolled, newest, newest, at, failure, id)
}
