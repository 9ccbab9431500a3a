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

// selectBusyVersions reads the versions of a branch's UTC days (busy_days, counted
// up by the appointments' triggers); a day never written has none and is version 0.
const selectBusyVersions = `SELECT day, version FROM busy_days WHERE branch_id = ? AND day >= ? AND day <= ?`

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

// dayVersions reads the versions of the branch's UTC days lo to hi in tx.
func dayVersions(ctx context.Context, tx *sqlx.Tx, branchID string, lo, hi int64) (map[int64]int64, error) {
	rows, err := tx.QueryContext(ctx, tx.Rebind(selectBusyVersions), branchID, lo, hi)
	if err != nil {
		return nil, db.Map(err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var day, version int64
		if err := rows.Scan(&day, &version); err != nil {
			return nil, db.Map(err)
		}
		out[day] = version
	}
	return out, db.Map(rows.Err())
}

// loadDays reads, in one snapshot, the versions of the branch's UTC days lo to hi
// and the stretches starting in them: a change committed after the snapshot moves a
// version past the one read with these rows, so the cache cannot keep a day older
// than its version says.
func (s schedStore) loadDays(ctx context.Context, branchID string, lo, hi int64) (map[int64]int64, []heldRow, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.db.Dialect == db.Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := s.db.R.BeginTxx(ctx, opts)
	if err != nil {
		return nil, nil, db.Map(err)
	}
	defer func() { _ = tx.Rollback() }()
	versions, err := dayVersions(ctx, tx, branchID, lo, hi)
	if err != nil {
		return nil, nil, err
	}
	from, to := unixUTC(lo*utcDay), unixUTC((hi+1)*utcDay)
	rows, err := s.dayVisits(ctx, tx, branchID, from, to)
	if err != nil {
		return nil, nil, err
	}
	holds, err := scanHolds(tx.QueryContext(ctx, tx.Rebind(selectDayHolds), branchID, from, to))
	return versions, append(rows, holds...), err
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
