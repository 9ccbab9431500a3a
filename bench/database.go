package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// throwaway is a freshly migrated database that exists only for one run.
type throwaway struct {
	*db.DB
	// about names it in the report.
	about  string
	remove func(errOut io.Writer)
}

// openDatabase creates and migrates a throwaway database of kind.
func openDatabase(ctx context.Context, kind, postgresDSN string) (throwaway, error) {
	if kind == "postgres" {
		return openPostgres(ctx, postgresDSN)
	}
	return openSQLite(ctx)
}

// openSQLite puts the file in a temp dir of its own so the WAL and SHM files go too.
func openSQLite(ctx context.Context) (throwaway, error) {
	dir, err := os.MkdirTemp("", "frontdesk-bench-")
	if err != nil {
		return throwaway{}, err
	}
	t := throwaway{about: "SQLite file in " + dir, remove: func(io.Writer) { _ = os.RemoveAll(dir) }}
	t.DB, err = db.Open(ctx, filepath.Join(dir, "bench.db"))
	if err == nil {
		err = migrate(ctx, t.DB)
	}
	if err != nil {
		t.remove(nil)
		return throwaway{}, err
	}
	t.remove = func(io.Writer) { _ = t.Close(); _ = os.RemoveAll(dir) }
	return t, nil
}

// The statements on the server's maintenance database. Names are made here from hex
// digits, never from input, so formatting them in is safe.
const (
	createDatabase      = `CREATE DATABASE %s`
	dropDatabaseIfThere = `DROP DATABASE IF EXISTS %s WITH (FORCE)`
	selectServerVersion = `SHOW server_version`
)

// openPostgres creates a database of its own on the server and drops it (WITH FORCE,
// so a connection left open by an interrupted phase cannot keep it alive) at the end.
func openPostgres(ctx context.Context, adminDSN string) (throwaway, error) {
	admin, err := sqlx.Open("pgx", adminDSN)
	if err != nil {
		return throwaway{}, err
	}
	name := "frontdesk_bench_" + randomSuffix()
	if _, err := admin.ExecContext(ctx, fmt.Sprintf(createDatabase, name)); err != nil {
		_ = admin.Close()
		return throwaway{}, fmt.Errorf("create database on %s: %w", redacted(adminDSN), err)
	}
	t := throwaway{about: serverVersion(ctx, admin) + ", database " + name,
		remove: func(errOut io.Writer) { dropDatabase(admin, name, errOut) }}
	dsn, err := withDatabase(adminDSN, name)
	if err == nil {
		t.DB, err = db.Open(ctx, dsn)
	}
	if err == nil {
		err = migrate(ctx, t.DB)
	}
	if err != nil {
		t.remove(os.Stderr)
		return throwaway{}, err
	}
	t.remove = func(errOut io.Writer) { _ = t.Close(); dropDatabase(admin, name, errOut) }
	return t, nil
}

func serverVersion(ctx context.Context, admin *sqlx.DB) string {
	var version string
	if err := admin.GetContext(ctx, &version, selectServerVersion); err != nil {
		return "PostgreSQL"
	}
	return "PostgreSQL " + version
}

// dropDatabase runs on its own context: the run's may already be cancelled by Ctrl-C.
func dropDatabase(admin *sqlx.DB, name string, errOut io.Writer) {
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, fmt.Sprintf(dropDatabaseIfThere, name)); err != nil && errOut != nil {
		fmt.Fprintf(errOut, "bench: drop database %s: %v\n", name, err)
	}
}

func migrate(ctx context.Context, d *db.DB) error {
	if err := d.Migrate(ctx); err != nil {
		_ = d.Close()
		return err
	}
	return nil
}

func withDatabase(dsn, name string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("postgres address: %w", err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

// redacted hides a password before the address reaches an error message.
func redacted(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "the PostgreSQL server"
	}
	return u.Redacted()
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
