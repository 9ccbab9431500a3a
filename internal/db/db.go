// Package db opens the one database Frontdesk runs on (SQLite by default, PostgreSQL for
// larger networks), applies migrations, maps driver errors to domain errors and runs
// transactions, so that services never import a driver.
package db

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/jmoiron/sqlx"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

func init() {
	sqlx.BindDriver("sqlite", sqlx.QUESTION)
}

// Dialect names the SQL dialect in use.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// ErrBadDSN reports a database address Frontdesk cannot use.
var ErrBadDSN = errors.New("db: unusable database address")

// DB holds the writer and reader pools. On PostgreSQL both are the same pool; on SQLite
// all writes go through one connection so that writers queue in Go instead of failing
// with SQLITE_BUSY, while reads run in parallel beside them under WAL.
type DB struct {
	W       *sqlx.DB
	R       *sqlx.DB
	Dialect Dialect
	// DSN is the PostgreSQL address the pool was opened with ("" on SQLite), for parts
	// that need a native pgx pool of their own (River's riverpgxv5 driver).
	DSN string
	// txObserver hears how long each write transaction held the writer (see ObserveWriteTx).
	txObserver atomic.Pointer[func(WriteTx)]
	// checkpoints copies a SQLite file's WAL back in the background (nil otherwise).
	checkpoints *checkpointer
}

// ObserveWriteTx makes fn hear, for every write transaction InTx runs from now on, how
// long it held the writer, from BEGIN to the end of COMMIT, and who ran it (the load
// harness's write transaction percentiles and its writer time by caller); nil stops it.
func (d *DB) ObserveWriteTx(fn func(WriteTx)) {
	if fn == nil {
		d.txObserver.Store(nil)
		return
	}
	d.txObserver.Store(&fn)
}

// Open connects to dsn: "postgres://…" or "postgresql://…" is PostgreSQL; a file path,
// "file:…" or ":memory:" is SQLite. Any other scheme is ErrBadDSN.
func Open(ctx context.Context, dsn string) (*DB, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	case strings.Contains(dsn, "://"):
		return nil, fmt.Errorf("%w: unknown scheme in %q (use a file path or postgres://)", ErrBadDSN, redact(dsn))
	case dsn == "":
		return nil, fmt.Errorf("%w: empty database address", ErrBadDSN)
	default:
		return openSQLite(ctx, dsn)
	}
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	pool, err := sqlx.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadDSN, err)
	}
	pool.SetMaxOpenConns(20)
	pool.SetMaxIdleConns(10)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	if err := pool.PingContext(ctx); err != nil {
		_ = pool.Close()
		return nil, fmt.Errorf("db: connect to postgres %s: %w", redact(dsn), err)
	}
	return &DB{W: pool, R: pool, Dialect: Postgres, DSN: dsn}, nil
}

const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
	"&_pragma=synchronous(NORMAL)&_time_format=sqlite"

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if path == ":memory:" {
		return openSQLiteMemory(ctx)
	}
	path = strings.TrimPrefix(path, "file:")
	if err := checkWritableDir(path); err != nil {
		return nil, err
	}
	// The writer keeps its savepoints' and statements' journals in memory
	// (temp_store): a grouped booking's SAVEPOINT otherwise wrote every page it
	// touched to a temporary file first, one syscall each.
	w, err := openSQLitePool("file:" + path + "?" + sqlitePragmas +
		"&_pragma=journal_mode(WAL)&_pragma=wal_autocheckpoint(0)&_pragma=temp_store(2)" +
		"&_pragma=journal_size_limit(" + walSizeLimit + ")&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	if err := w.PingContext(ctx); err != nil {
		_ = w.Close()
		return nil, fmt.Errorf("db: open sqlite %s: %w", path, err)
	}
	r, err := openSQLitePool("file:" + path + "?" + sqlitePragmas + "&_pragma=query_only(1)")
	if err != nil {
		_ = w.Close()
		return nil, err
	}
	// Readers stay open while busy: with fewer idle than open connections, a burst
	// closed and reopened connections (schema read, pragmas, statements compiled anew)
	// hundreds of times in ten seconds. An idle process still lets them go.
	r.SetMaxOpenConns(sqliteReaders)
	r.SetMaxIdleConns(sqliteReaders)
	r.SetConnMaxIdleTime(5 * time.Minute)
	cp, err := startCheckpointer(path)
	if err != nil {
		_ = w.Close()
		_ = r.Close()
		return nil, err
	}
	return &DB{W: w, R: r, Dialect: SQLite, checkpoints: cp}, nil
}

// sqliteReaders is the size of the SQLite reader pool.
const sqliteReaders = 8

// openSQLitePool opens a pool whose connections keep their statements compiled.
func openSQLitePool(dsn string) (*sqlx.DB, error) {
	pool, err := openCached(dsn)
	if err != nil {
		return nil, err
	}
	return sqlx.NewDb(pool, "sqlite"), nil
}

// openSQLiteMemory keeps one connection alive: each new connection to :memory: would
// otherwise see a new, empty database.
func openSQLiteMemory(ctx context.Context) (*DB, error) {
	w, err := openSQLitePool("file::memory:?" + sqlitePragmas + "&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		return nil, err
	}
	return &DB{W: w, R: w, Dialect: SQLite}, nil
}

func checkWritableDir(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("%w: folder %s of the database file: %v", ErrBadDSN, dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("%w: %s is not a folder", ErrBadDSN, dir)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%w: %s is a folder, not a database file", ErrBadDSN, path)
	}
	return nil
}

// redact hides a password in a database address before it reaches a log line.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Close closes both pools.
func (d *DB) Close() error {
	err := d.W.Close()
	if d.R != d.W {
		err = errors.Join(err, d.R.Close())
	}
	if d.checkpoints != nil {
		err = errors.Join(err, d.checkpoints.Close())
	}
	return err
}

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error {
	return d.R.PingContext(ctx)
}
