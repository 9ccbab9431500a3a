package schedule

import (
	"context"
	"database/sql"
	"math"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// utcDay is the length of one of busy_days' days, in seconds.
const utcDay = 86400

// The rows of some UTC days as the cache keeps them: visits (active, not held) as
// SQLite's one-row text, which busyRecordSQLite reads (see store_availability.go), and
// holds row by row with their expiry, which the cache checks at each answer.
const (
	busyDayActive  = ` AND starts_at >= ? AND starts_at < ? AND status IN ('booked', 'confirmed', 'arrived', 'seated')`
	selectDayBusy  = `SELECT doctor_id, chair_id, starts_at, blocked_until FROM appointments WHERE branch_id = ?` + busyDayActive
	selectDayHolds = `SELECT doctor_id, chair_id, starts_at, blocked_until, hold_expires_at FROM appointments
	WHERE branch_id = ? AND starts_at >= ? AND starts_at < ? AND status = 'held' AND hold_expires_at IS NOT NULL`
	selectDayBusySQLite = busyTextSQLite + `branch_id = ?` + busyDayActive
)

// heldRow is a busy stretch and, for a hold, when it lapses (MaxInt64 for a visit).
type heldRow struct {
	busyRow
	lapses int64
}

// loadDays reads, in one snapshot, the versions of the branch's UTC days lo to hi
// and the stretches starting in them: a change committed after the snapshot moves a
// version past the one read with these rows, so the cache cannot keep a day older
// than its version says.
func (s schedStore) loadDays(ctx context.Context, branchID string, lo, hi int64) (versions, []heldRow, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.db.Dialect == db.Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := s.db.R.BeginTxx(ctx, opts)
	if err != nil {
		return versions{}, nil, db.Map(err)
	}
	defer func() { _ = tx.Rollback() }()
	rows, err := tx.QueryContext(ctx, tx.Rebind(selectVersions), branchID, lo, hi)
	if err != nil {
		return versions{}, nil, db.Map(err)
	}
	v, err := scanVersions(rows, lo, hi)
	if err != nil {
		return versions{}, nil, err
	}
	from, to := unixUTC(lo*utcDay), unixUTC((hi+1)*utcDay)
	visits, err := s.dayVisits(ctx, tx, branchID, from, to)
	if err != nil {
		return versions{}, nil, err
	}
	holds, err := scanHolds(tx.QueryContext(ctx, tx.Rebind(selectDayHolds), branchID, from, to))
	return v, append(visits, holds...), err
}

// dayVisits reads the active visits starting in [from, to).
func (s schedStore) dayVisits(ctx context.Context, tx *sqlx.Tx, branchID string, from, to any) ([]heldRow, error) {
	var plain []busyRow
	var err error
	if s.db.Dialect == db.Postgres {
		plain, err = scanBusy(tx.QueryContext(ctx, tx.Rebind(selectDayBusy), branchID, from, to))
	} else {
		var text sql.NullString
		if err = tx.QueryRowContext(ctx, selectDayBusySQLite, branchID, from, to).Scan(&text); err != nil {
			return nil, db.Map(err)
		}
		plain, err = parseBusy(text.String, nil)
	}
	out := make([]heldRow, len(plain))
	for i, r := range plain {
		out[i] = heldRow{busyRow: r, lapses: math.MaxInt64}
	}
	return out, err
}

// scanHolds reads held stretches with their expiry.
func scanHolds(rows *sql.Rows, err error) ([]heldRow, error) {
	if err != nil {
		return nil, db.Map(err)
	}
	defer rows.Close()
	var out []heldRow
	var chair sql.NullString
	// A hold lapsing within a second counts as held until the second ends.
	from, until, lapses := epochScan{}, epochScan{ceil: true}, epochScan{ceil: true}
	for rows.Next() {
		var r heldRow
		if err := rows.Scan(&r.doctorID, &chair, &from, &until, &lapses); err != nil {
			return nil, db.Map(err)
		}
		r.chairID, r.span, r.lapses = chair.String, span{from.sec, until.sec}, lapses.sec
		out = append(out, r)
	}
	return out, db.Map(rows.Err())
}
