package db

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
)

// Domain-level database errors; Map turns driver errors into these.
var (
	ErrNotFound   = errors.New("db: not found")
	ErrConflict   = errors.New("db: unique constraint violated")
	ErrForeignKey = errors.New("db: referenced row missing or still referenced")
	ErrCheck      = errors.New("db: check constraint violated")
	ErrExclusion  = errors.New("db: exclusion constraint violated")
	// ErrRetry is a serialization failure or deadlock: the transaction may succeed
	// if run again.
	ErrRetry = errors.New("db: transaction must be retried")
)

// SQLite extended result codes (sqlite3.h).
const (
	sqliteConstraintCheck      = 275
	sqliteConstraintForeignKey = 787
	sqliteConstraintNotNull    = 1299
	sqliteConstraintPrimaryKey = 1555
	sqliteConstraintUnique     = 2067
	sqliteConstraintTrigger    = 1811
)

// Map turns a driver error into one of the package's sentinel errors, wrapping the
// original so logs keep it. Other errors pass unchanged.
func Map(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %v", ErrNotFound, err)
	}
	if s := sentinelFor(err); s != nil {
		return fmt.Errorf("%w: %w", s, err)
	}
	return err
}

func sentinelFor(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqliteConstraintUnique, sqliteConstraintPrimaryKey:
			return ErrConflict
		case sqliteConstraintForeignKey:
			return ErrForeignKey
		case sqliteConstraintCheck, sqliteConstraintNotNull, sqliteConstraintTrigger:
			return ErrCheck
		}
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return ErrConflict
		case "23503":
			return ErrForeignKey
		case "23514", "23502":
			return ErrCheck
		case "23P01":
			return ErrExclusion
		case "40001", "40P01":
			return ErrRetry
		}
	}
	return nil
}

// ConstraintName returns the name of the violated constraint when the driver tells it
// (PostgreSQL does; SQLite only names columns in its message).
func ConstraintName(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.ConstraintName
	}
	return ""
}
