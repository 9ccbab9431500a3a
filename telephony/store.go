package telephony

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// store is telephony's SQL: lines, extensions, signals and settings. Calls and
// callbacks are in store_calls.go.
type store struct{ db *db.DB }

const lineColumns = `l.id, l.branch_id, l.provider, l.name, l.api_key, l.secret, l.allowed_ips, l.created_at,
	l.revoked_at, b.country, b.time_zone`

const selectLineByToken = `SELECT ` + lineColumns + ` FROM phone_lines l JOIN branches b ON b.id = l.branch_id
	WHERE l.token_hash = ? AND l.revoked_at IS NULL`

func (s store) lineByToken(ctx context.Context, hash string) (Line, error) {
	var l Line
	return l, db.Get(ctx, s.db.R, &l, selectLineByToken, hash)
}

const selectLine = `SELECT ` + lineColumns + ` FROM phone_lines l JOIN branches b ON b.id = l.branch_id WHERE l.id = ?`

func (s store) line(ctx context.Context, q db.Q, id string) (Line, error) {
	var l Line
	return l, db.Get(ctx, q, &l, selectLine, id)
}

const selectBranchLines = `SELECT ` + lineColumns + ` FROM phone_lines l JOIN branches b ON b.id = l.branch_id
	WHERE l.branch_id = ? ORDER BY l.created_at, l.id`

func (s store) lines(ctx context.Context, branchID string) ([]Line, error) {
	out := []Line{}
	return out, db.Select(ctx, s.db.R, &out, selectBranchLines, branchID)
}

const insertLine = `INSERT INTO phone_lines (id, branch_id, provider, name, token_hash, api_key, secret, allowed_ips, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

func (s store) insertLine(ctx context.Context, l Line, hash string) error {
	return db.Exec(ctx, s.db.W, insertLine, l.ID, l.BranchID, l.Provider, l.Name, hash, l.APIKey, l.Secret,
		l.AllowedIPs, l.CreatedAt)
}

const revokeLine = `UPDATE phone_lines SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`

func (s store) revokeLine(ctx context.Context, id string, at time.Time) error {
	return db.Exec(ctx, s.db.W, revokeLine, at, id)
}

// Extension maps a line's extension to the staff member who answers on it.
type Extension struct {
	Extension string `db:"extension" json:"extension"`
	StaffID   string `db:"staff_id" json:"staff_id"`
}

const selectExtensions = `SELECT extension, staff_id FROM phone_extensions WHERE line_id = ? ORDER BY extension`

func (s store) extensions(ctx context.Context, q db.Q, lineID string) ([]Extension, error) {
	out := []Extension{}
	return out, db.Select(ctx, q, &out, selectExtensions, lineID)
}

const deleteExtensions = `DELETE FROM phone_extensions WHERE line_id = ?`

const insertExtension = `INSERT INTO phone_extensions (line_id, extension, staff_id) VALUES (?, ?, ?)`

func (s store) replaceExtensions(ctx context.Context, lineID string, ext []Extension) error {
	return s.db.InTx(ctx, func(tx db.Tx) error {
		if err := db.Exec(ctx, tx, deleteExtensions, lineID); err != nil {
			return err
		}
		for i, e := range ext {
			err := db.Exec(ctx, tx, insertExtension, lineID, e.Extension, e.StaffID)
			if errors.Is(err, db.ErrForeignKey) {
				return fault.Field("extensions["+strconv.Itoa(i)+"].staff_id", "not_found", "no staff member has this id")
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

const selectStaffOfExtension = `SELECT staff_id FROM phone_extensions WHERE line_id = ? AND extension = ?`

func (s store) staffOf(ctx context.Context, q db.Q, lineID, ext string) (*string, error) {
	if ext == "" {
		return nil, nil
	}
	var id string
	err := db.Get(ctx, q, &id, selectStaffOfExtension, lineID, ext)
	if errors.Is(err, db.ErrNotFound) {
		return nil, nil // an extension nobody is mapped to
	}
	return &id, err
}

// insertSignal keeps the first of the same provider event: a retried webhook inserts
// nothing and so acts nothing.
const insertSignal = `INSERT INTO call_signals (id, line_id, provider, call_id, event, seq, received_at, signal, raw)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider, call_id, event, seq) DO NOTHING`

type storedSignal struct {
	ID         string    `db:"id"`
	LineID     string    `db:"line_id"`
	ReceivedAt time.Time `db:"received_at"`
	Signal     string    `db:"signal"`
}

func (s store) insertSignal(ctx context.Context, q db.Q, lineID string, sig Signal, body string, raw string, at time.Time) error {
	return db.Exec(ctx, q, insertSignal, newID(), lineID, sig.Provider, sig.CallID, sig.Event, sig.Seq, at, body, raw)
}

// selectPending takes the oldest unprocessed signals; within a call, by the provider's
// sequence, so events that overtook each other on the wire are applied in order.
const selectPending = `SELECT id, line_id, received_at, signal FROM call_signals WHERE processed_at IS NULL
	ORDER BY received_at, call_id, seq, id LIMIT ?`

func (s store) pending(ctx context.Context, limit int) ([]storedSignal, error) {
	var out []storedSignal
	return out, db.Select(ctx, s.db.W, &out, selectPending, limit)
}

const markProcessed = `UPDATE call_signals SET processed_at = ? WHERE id = ? AND processed_at IS NULL`

func (s store) processed(ctx context.Context, q db.Q, id string, at time.Time) error {
	return db.ExecOne(ctx, q, markProcessed, at, id)
}

const selectSettings = `SELECT short_abandon_seconds, callback_minutes FROM branch_telephony WHERE branch_id = ?`

func (s store) settings(ctx context.Context, q db.Q, branchID string) (Settings, error) {
	var row struct {
		Short    int `db:"short_abandon_seconds"`
		Callback int `db:"callback_minutes"`
	}
	err := db.Get(ctx, q, &row, selectSettings, branchID)
	if errors.Is(err, db.ErrNotFound) {
		return DefaultSettings, nil
	}
	return Settings{ShortAbandon: time.Duration(row.Short) * time.Second,
		CallbackTarget: time.Duration(row.Callback) * time.Minute}, err
}

const upsertSettings = `INSERT INTO branch_telephony (branch_id, short_abandon_seconds, callback_minutes, updated_at)
	VALUES (?, ?, ?, ?) ON CONFLICT (branch_id) DO UPDATE SET short_abandon_seconds = excluded.short_abandon_seconds,
	callback_minutes = excluded.callback_minutes, updated_at = excluded.updated_at`

func (s store) saveSettings(ctx context.Context, branchID string, st Settings, at time.Time) error {
	return db.Exec(ctx, s.db.W, upsertSettings, branchID, int(st.ShortAbandon/time.Second),
		int(st.CallbackTarget/time.Minute), at)
}
