package counts

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// store is counting's SQL; the ledger itself is written through inventory.Service.Post.
type store struct{ db *db.DB }

// lockLedger waits on PostgreSQL for every transaction still writing moves and keeps
// new ones out until the snapshot is taken. Move numbers are handed out at insert, not
// at commit, so without it a move numbered below the snapshot could commit after it
// and be neither counted nor carried over. SQLite's one writer needs nothing.
const lockLedger = `LOCK TABLE stock_moves IN SHARE MODE`

func (s store) holdLedger(ctx context.Context, tx db.Tx) error {
	if s.db.Dialect != db.Postgres {
		return nil
	}
	return db.Exec(ctx, tx, lockLedger)
}

const insertSession = `INSERT INTO count_sessions (id, location_id, status, snapshot_seq, started_by, started_at)
	VALUES (?, ?, 'open', ?, ?, ?)`

func (s store) insert(ctx context.Context, tx db.Tx, x Session) error {
	return db.Exec(ctx, tx, insertSession, x.ID, x.LocationID, x.SnapshotSeq, x.StartedBy, x.StartedAt)
}

const sessionColumns = `c.id, c.location_id, l.branch_id, c.status, c.snapshot_seq, c.started_by, c.started_at,
	c.posted_at FROM count_sessions c JOIN stock_locations l ON l.id = c.location_id`

const selectSession = `SELECT ` + sessionColumns + ` WHERE c.id = ?`

func (s store) session(ctx context.Context, q db.Q, id string) (Session, error) {
	var x Session
	return x, db.Get(ctx, q, &x, selectSession, id)
}

const selectOpenAt = `SELECT ` + sessionColumns + ` WHERE c.location_id = ? AND c.status = 'open'`

func (s store) openAt(ctx context.Context, locationID string) (Session, error) {
	var x Session
	return x, db.Get(ctx, s.db.R, &x, selectOpenAt, locationID)
}

// lockOpen takes an open session's row for the rest of the transaction (a no-op update:
// PostgreSQL's row lock, SQLite's one writer), so entering lines and posting queue
// behind each other and a session is posted once. Nothing changes for a closed one.
const lockOpen = `UPDATE count_sessions SET status = status WHERE id = ? AND status = 'open'`

func (s store) lockOpen(ctx context.Context, tx db.Tx, id string) error {
	return db.ExecOne(ctx, tx, lockOpen, id)
}

const closeSession = `UPDATE count_sessions SET status = ?, posted_at = ? WHERE id = ? AND status = 'open'`

func (s store) close(ctx context.Context, tx db.Tx, id, status string, at *time.Time) error {
	return db.ExecOne(ctx, tx, closeSession, status, at, id)
}

const upsertLine = `INSERT INTO count_lines (session_id, item_id, lot_id, counted, reason) VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (session_id, item_id, lot_id) DO UPDATE SET counted = excluded.counted, reason = excluded.reason`

func (s store) putLine(ctx context.Context, tx db.Tx, sessionID, itemID, lotID string, counted int64, reason string) error {
	return db.Exec(ctx, tx, upsertLine, sessionID, itemID, lotID, counted, reason)
}

// netAfter is what the moves after the snapshot changed of one lot at the counted
// location: in minus out. Subtracted from stock now it gives the stock at the snapshot.
const netAfter = `COALESCE((SELECT SUM((CASE WHEN m.to_location_id = c.location_id THEN m.quantity ELSE 0 END)
		- (CASE WHEN m.from_location_id = c.location_id THEN m.quantity ELSE 0 END))
	FROM stock_moves m WHERE m.item_id = s.item_id AND m.lot_id = s.lot_id AND m.seq > c.snapshot_seq
	AND (m.to_location_id = c.location_id OR m.from_location_id = c.location_id)), 0)`

// selectSheet is the whole sheet in one statement, so stock and the moves after the
// snapshot are read as of one instant: the lots with stock at the snapshot or counted
// (stock rows are never deleted, so every lot that was ever at the location has one),
// then counted lots the location never held.
const selectSheet = `SELECT * FROM (
	SELECT s.item_id, i.name AS item_name, i.unit, s.lot_id, lt.lot_number, lt.expires_on,
		CAST(s.quantity - ` + netAfter + ` AS BIGINT) AS expected, n.counted, COALESCE(n.reason, '') AS reason
	FROM count_sessions c JOIN stock s ON s.location_id = c.location_id
	JOIN inventory_items i ON i.id = s.item_id JOIN stock_lots lt ON lt.id = s.lot_id
	LEFT JOIN count_lines n ON n.session_id = c.id AND n.item_id = s.item_id AND n.lot_id = s.lot_id
	WHERE c.id = ?
	UNION ALL
	SELECT n.item_id, i.name AS item_name, i.unit, n.lot_id, lt.lot_number, lt.expires_on,
		CAST(0 AS BIGINT) AS expected, n.counted, n.reason
	FROM count_sessions c JOIN count_lines n ON n.session_id = c.id
	JOIN inventory_items i ON i.id = n.item_id JOIN stock_lots lt ON lt.id = n.lot_id
	WHERE c.id = ? AND NOT EXISTS (SELECT 1 FROM stock s WHERE s.item_id = n.item_id AND s.lot_id = n.lot_id
		AND s.location_id = c.location_id)
	) sheet WHERE expected > 0 OR counted IS NOT NULL
	ORDER BY item_name, item_id, CASE WHEN expires_on = '' THEN 1 ELSE 0 END, expires_on, lot_number, lot_id`

func (s store) sheet(ctx context.Context, q db.Q, id string) ([]Line, error) {
	out := []Line{}
	return out, db.Select(ctx, q, &out, selectSheet, id, id)
}
