package schedule

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// DoctorCard is how a doctor is shown beside free times.
type DoctorCard struct {
	ID          string `db:"id"`
	DisplayName string `db:"display_name"`
	PhotoURL    string `db:"photo_url"`
}

// bookableDoctors: active doctors with an active staff account at the branch who
// perform the service, by name, with the number of branches each works at.
const selectBookableDoctors = `SELECT d.id, d.display_name, d.photo_url,
	(SELECT COUNT(*) FROM staff_branches x WHERE x.staff_id = d.staff_id) AS branches
	FROM doctors d
	JOIN doctor_services ds ON ds.doctor_id = d.id AND ds.service_id = ?
	JOIN staff_branches sb ON sb.staff_id = d.staff_id AND sb.branch_id = ?
	JOIN staff st ON st.id = d.staff_id
	WHERE d.active = TRUE AND st.active = TRUE
	ORDER BY d.display_name, d.id`

// bookableDoctor is a doctor to offer and how many branches they work at.
type bookableDoctor struct {
	DoctorCard
	Branches int `db:"branches"`
}

// bookableDoctors lists who may be offered for the service at the branch.
func (s schedStore) bookableDoctors(ctx context.Context, branchID, serviceID string) ([]bookableDoctor, error) {
	out := []bookableDoctor{}
	return out, s.selectPrepared(ctx, &out, selectBookableDoctors, serviceID, branchID)
}

// busyRow is one stretch a doctor and a chair are taken: an active appointment or an
// unexpired hold, with its buffer.
type busyRow struct {
	doctorID, chairID string
	span
}

// The busy statements answer one row: every stretch as one record, the records
// joined by commas. A big clinic's month is thousands of stretches, and handing them
// over row by row (a driver call, a lock and allocations for each column) cost ten
// times what the database spends finding them. On SQLite a record is the doctor's id,
// the chair's ('-' for none) and the two stored instants back to back, each ending in
// its offset: literal separators made SQLite's concatenation three times slower.
// PostgreSQL answers a row per stretch, which pgx reads in binary: aggregating there
// (text or arrays) measured no faster, and slower before the table was analyzed. An expired
// hold occupies nothing, whether or not a sweeper has released it yet. The columns
// read are those of the appointments_busy index, so no statement touches the table.
const (
	busyWhere = ` AND starts_at >= ? AND starts_at < ? AND blocked_until > ?
	AND status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
	AND (status <> 'held' OR hold_expires_at > ?)`
	// busyWhereSQLite compares +blocked_until and +hold_expires_at: without the unary
	// plus SQLite applies the column's NUMERIC affinity to the parameter on every row
	// (a failed number parse and a copy), two thirds of the statement's time. The
	// stored text is compared as text either way.
	busyWhereSQLite = ` AND starts_at >= ? AND starts_at < ? AND +blocked_until > ?
	AND status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
	AND (status <> 'held' OR +hold_expires_at > ?)`
	busyTextSQLite = `SELECT group_concat(doctor_id || ifnull(chair_id, '-') || starts_at || blocked_until)
	FROM appointments WHERE `
	selectBusyElsewhereSQLite   = busyTextSQLite + `doctor_id IN (?) AND branch_id <> ?` + busyWhereSQLite
	selectBusyElsewherePostgres = `SELECT doctor_id, chair_id, starts_at, blocked_until FROM appointments WHERE ` +
		`doctor_id IN (?) AND branch_id <> ?` + busyWhere
)

// busy returns the stretches that occupy the branch's chairs and doctors during a
// range (from the cache, see busyCache), and those of travelling doctors (who work at
// other branches too) elsewhere, read from the database.
func (s schedStore) busy(ctx context.Context, branchID string, travelling []string, during span, now time.Time, known versions) (busyView, []busyRow, error) {
	view, err := s.days.at(ctx, s, branchID, during, now, known)
	if err != nil || len(travelling) == 0 {
		return view, nil, err
	}
	elsewhere, err := s.busyElsewhere(ctx, branchID, travelling, during, now)
	return view, elsewhere, err
}

// busyElsewhere reads travelling doctors' stretches at other branches.
func (s schedStore) busyElsewhere(ctx context.Context, branchID string, travelling []string, during span, now time.Time) ([]busyRow, error) {
	from, to := unixUTC(during.from), unixUTC(during.to)
	elsewhere := selectBusyElsewhereSQLite
	if s.db.Dialect == db.Postgres {
		elsewhere = selectBusyElsewherePostgres
	}
	query, args, err := sqlx.In(elsewhere, travelling, branchID, from.Add(-booking.MaxBlocked), to, from, now)
	if err != nil {
		return nil, err
	}
	query = s.db.R.Rebind(query)
	if s.db.Dialect == db.Postgres {
		return scanBusy(s.db.R.QueryContext(ctx, query, args...))
	}
	var text sql.NullString
	if err := s.db.R.QueryRowContext(ctx, query, args...).Scan(&text); err != nil {
		return nil, db.Map(err)
	}
	return parseBusy(text.String, nil)
}

// parseBusy appends the stretches of a busy statement's text to out. The ids stay
// slices of text: one string for the whole answer, not two per stretch.
func parseBusy(text string, out []busyRow) ([]busyRow, error) {
	if out == nil {
		out = make([]busyRow, 0, strings.Count(text, ",")+1)
	}
	for rec := range strings.SplitSeq(text, ",") {
		if rec == "" {
			continue
		}
		r, ok := busyRecordSQLite(rec)
		if !ok {
			return nil, fmt.Errorf("booking: unreadable busy stretch %q", rec)
		}
		out = append(out, r)
	}
	return out, nil
}

// idLength is a canonical UUID's.
const idLength = 36

// busyRecordSQLite reads "doctor chair|- from until" with no separators: ids have a
// fixed length, and each stored instant ends in its offset, ±hh:mm.
func busyRecordSQLite(rec string) (busyRow, bool) {
	if len(rec) < idLength+1 {
		return busyRow{}, false
	}
	r := busyRow{doctorID: rec[:idLength]}
	rest := rec[idLength:]
	if rest[0] == '-' {
		rest = rest[1:]
	} else if len(rest) > idLength {
		r.chairID, rest = rest[:idLength], rest[idLength:]
	}
	cut := strings.IndexAny(rest[min(len(rest), 19):], "+-")
	if cut < 0 || 19+cut+6 > len(rest) {
		return busyRow{}, false
	}
	from, until := epochScan{}, epochScan{ceil: true}
	errF, errU := from.Scan(rest[:19+cut+6]), until.Scan(rest[19+cut+6:])
	r.span = span{from.sec, until.sec}
	return r, errF == nil && errU == nil
}

// epochScan reads an instant as Unix seconds, floored (or ceiled, for the end of a
// stretch, so a stretch is never read shorter than it is): from a time.Time, or from
// SQLite's stored text, "2006-01-02 15:04:05.999999999-07:00".
type epochScan struct {
	ceil bool
	sec  int64
}

// Scan implements sql.Scanner.
func (e *epochScan) Scan(src any) error {
	var t time.Time
	var err error
	switch v := src.(type) {
	case time.Time:
		t = v
	case string:
		t, err = parseStoredTime(v)
	case []byte:
		t, err = parseStoredTime(string(v))
	default:
		err = fmt.Errorf("booking: cannot read %T as an instant", src)
	}
	e.sec = t.Unix()
	if e.ceil && t.Nanosecond() > 0 {
		e.sec++
	}
	return err
}

// parseStoredTime reads the UTC text SQLite holds by hand and anything else through
// time.Parse.
func parseStoredTime(s string) (time.Time, error) {
	if t, ok := parseUTCText(s); ok {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("booking: unreadable instant %q", s)
}

// parseUTCText reads "YYYY-MM-DD HH:MM:SS[.fraction]+00:00".
func parseUTCText(s string) (time.Time, bool) {
	if len(s) < 25 || !strings.HasSuffix(s, "+00:00") || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	n := [6]int{}
	for i, at := range [6][2]int{{0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}} {
		v, ok := digits(s[at[0]:at[1]])
		if !ok {
			return time.Time{}, false
		}
		n[i] = v
	}
	nsec, frac := 0, s[19:len(s)-6]
	if frac != "" {
		v, ok := digits(frac[1:])
		if frac[0] != '.' || !ok || len(frac) > 10 {
			return time.Time{}, false
		}
		nsec = v * int(math.Pow10(10-len(frac)))
	}
	return time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], nsec, time.UTC), true
}

func digits(s string) (int, bool) {
	v := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, s != ""
}

// scanBusy reads busy rows by hand: a big clinic has thousands in a month.
func scanBusy(rows *sql.Rows, err error) ([]busyRow, error) {
	if err != nil {
		return nil, db.Map(err)
	}
	var out []busyRow
	defer rows.Close()
	var r busyRow
	var chair sql.NullString
	from, until := epochScan{}, epochScan{ceil: true}
	for rows.Next() {
		if err := rows.Scan(&r.doctorID, &chair, &from, &until); err != nil {
			return nil, err
		}
		r.chairID, r.span = chair.String, span{from.sec, until.sec}
		out = append(out, r)
	}
	return out, db.Map(rows.Err())
}
