package schedule

import (
	"context"
	"database/sql"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// versions is what an answer reads before anything else, in one statement: the
// schedule version its cached directory, schedule and rules stand under, and the
// versions of the branch's busy days lo to hi.
type versions struct {
	schedule int64
	lo, hi   int64
	days     []int64 // by day from lo; a day with no row is at version 0
}

// of is the version of day d (0 outside lo to hi, as for a day with no row).
func (v versions) of(d int64) int64 {
	if d < v.lo || d > v.hi {
		return 0
	}
	return v.days[d-v.lo]
}

// selectVersions answers the schedule version as day -1 (no busy day is before 1970).
const selectVersions = `SELECT -1 AS day, version FROM schedule_version WHERE id = 1
	UNION ALL SELECT day, version FROM busy_days WHERE branch_id = ? AND day >= ? AND day <= ?`

// readVersions reads the schedule version and the branch's busy days lo to hi.
func (s schedStore) readVersions(ctx context.Context, branchID string, lo, hi int64) (versions, error) {
	st, err := s.prepared(ctx, selectVersions)
	if err != nil {
		return versions{}, err
	}
	rows, err := st.QueryContext(ctx, branchID, lo, hi)
	if err != nil {
		return versions{}, db.Map(err)
	}
	return scanVersions(rows, lo, hi)
}

// scanVersions reads selectVersions' rows, asked for the days lo to hi, and closes them.
func scanVersions(rows *sql.Rows, lo, hi int64) (versions, error) {
	defer rows.Close()
	v := versions{lo: lo, hi: hi, days: make([]int64, max(0, hi-lo+1))}
	for rows.Next() {
		var day, version int64
		if err := rows.Scan(&day, &version); err != nil {
			return versions{}, db.Map(err)
		}
		if day == -1 {
			v.schedule = version
		} else if day >= lo && day <= hi {
			v.days[day-lo] = version
		}
	}
	return v, db.Map(rows.Err())
}

// covers tells whether v holds the versions of the days lo to hi.
func (v versions) covers(lo, hi int64) bool { return v.days != nil && v.lo <= lo && hi <= v.hi }

// answerDays are the UTC days an answer of n local days from first (a date, or ""
// for today) can need busy stretches of: a zone is within a day of UTC, a visit
// ends within a day of its start and a stretch starts at most MaxBlocked before it
// reaches the range.
func answerDays(from string, n int, now int64) (lo, hi int64) {
	first := floorDiv(now, utcDay)
	if c, ok := parseCivil(from); ok {
		first = floorDiv(c.t.Unix(), utcDay)
	}
	return first - 3, first + int64(n) + 2
}
