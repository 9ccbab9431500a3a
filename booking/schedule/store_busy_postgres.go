package schedule

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/booking"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// On PostgreSQL the busy stretches come as four arrays in one row, read in the binary
// format straight off pgx: text (or a row per stretch through database/sql) cost about
// a microsecond a stretch, the arrays a few nanoseconds.
const busyArraysPostgres = `SELECT array_agg(doctor_id), array_agg(chair_id), array_agg(starts_at), array_agg(blocked_until)
	FROM appointments WHERE `

// busyPostgres reads the stretches of one busy question (see busyWhere), by the
// branch or by travelling doctors elsewhere.
func (s schedStore) busyPostgres(ctx context.Context, query string, args []any, out []busyRow) ([]busyRow, error) {
	conn, err := s.db.R.Conn(ctx)
	if err != nil {
		return nil, db.Map(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("booking: not a pgx connection: %T", dc)
		}
		rows, err := c.Conn().Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if out, err = readBusyArrays(rows.RawValues(), out); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	return out, db.Map(err)
}

// readBusyArrays turns the four binary arrays into stretches. Ids are interned: a
// branch has a few dozen doctors and chairs, and thousands of stretches.
func readBusyArrays(vals [][]byte, out []busyRow) ([]busyRow, error) {
	if len(vals) != 4 || vals[0] == nil {
		return out, nil // no stretch at all: array_agg of nothing is NULL
	}
	var cols [4][][]byte
	for i, v := range vals {
		var err error
		if cols[i], err = binaryArray(v); err != nil {
			return nil, err
		}
	}
	n := len(cols[0])
	if len(cols[1]) != n || len(cols[2]) != n || len(cols[3]) != n {
		return nil, errors.New("booking: busy arrays of different lengths")
	}
	ids := map[[16]byte]string{}
	id := func(b []byte) string {
		if len(b) != 16 {
			return ""
		}
		k := [16]byte(b)
		s, ok := ids[k]
		if !ok {
			s = uuidText(k)
			ids[k] = s
		}
		return s
	}
	for i := range n {
		from, until := pgInstant(cols[2][i], false), pgInstant(cols[3][i], true)
		out = append(out, busyRow{doctorID: id(cols[0][i]), chairID: id(cols[1][i]), span: span{from, until}})
	}
	return out, nil
}

// binaryArray splits a one-dimensional array in PostgreSQL's binary format into its
// elements (nil for NULL).
func binaryArray(b []byte) ([][]byte, error) {
	if len(b) < 12 {
		return nil, errors.New("booking: short binary array")
	}
	dims := binary.BigEndian.Uint32(b)
	if dims == 0 {
		return nil, nil
	}
	if dims != 1 || len(b) < 20 {
		return nil, errors.New("booking: not a one-dimensional array")
	}
	n := int(binary.BigEndian.Uint32(b[12:]))
	out, p := make([][]byte, n), 20
	for i := range out {
		if p+4 > len(b) {
			return nil, errors.New("booking: truncated binary array")
		}
		l := int(int32(binary.BigEndian.Uint32(b[p:])))
		p += 4
		if l < 0 {
			continue
		}
		if p+l > len(b) {
			return nil, errors.New("booking: truncated binary array")
		}
		out[i], p = b[p:p+l], p+l
	}
	return out, nil
}

// pgEpoch is PostgreSQL's zero instant, 2000-01-01 UTC, in Unix seconds.
var pgEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

// pgInstant reads a binary timestamptz (microseconds from 2000) as Unix seconds,
// floored, or rounded up (ceil) for the end of a stretch.
func pgInstant(b []byte, ceil bool) int64 {
	if len(b) != 8 {
		return 0
	}
	us := int64(binary.BigEndian.Uint64(b))
	sec := us / 1e6
	if us%1e6 < 0 {
		sec--
	}
	if ceil && us-sec*1e6 > 0 {
		sec++
	}
	return pgEpoch + sec
}

// uuidText writes 16 bytes as a canonical UUID.
func uuidText(k [16]byte) string {
	const hex = "0123456789abcdef"
	var b [36]byte
	p := 0
	for i, c := range k {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b[p] = '-'
			p++
		}
		b[p], b[p+1] = hex[c>>4], hex[c&15]
		p += 2
	}
	return string(b[:])
}

// busyAllPostgres is busy on PostgreSQL: the branch's stretches, then those of
// travelling doctors elsewhere.
func (s schedStore) busyAllPostgres(ctx context.Context, branchID string, travelling []string, from, to, now time.Time) ([]busyRow, error) {
	atBranch, elsewhere := busyStatements(db.Postgres)
	out, err := s.busyPostgres(ctx, s.db.R.Rebind(atBranch), []any{branchID, from.Add(-booking.MaxBlocked), to, from, now}, nil)
	if err != nil || len(travelling) == 0 {
		return out, err
	}
	query, args, err := sqlx.In(elsewhere, travelling, branchID, from.Add(-booking.MaxBlocked), to, from, now)
	if err != nil {
		return nil, err
	}
	return s.busyPostgres(ctx, s.db.R.Rebind(query), args, out)
}
