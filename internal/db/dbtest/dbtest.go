// Package dbtest gives each test its own freshly migrated database: a SQLite file in
// the test's temp dir and, when FRONTDESK_TEST_POSTGRES_DSN is set, a throwaway
// PostgreSQL database created for the test and dropped at cleanup.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// PostgresEnv names the variable holding the PostgreSQL server to test against.
const PostgresEnv = "FRONTDESK_TEST_POSTGRES_DSN"

// Each runs body once per available database, as subtests named "sqlite" and "postgres".
func Each(t *testing.T, body func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { body(t, New(t)) })
	if os.Getenv(PostgresEnv) != "" {
		t.Run("postgres", func(t *testing.T) { body(t, NewPostgres(t)) })
	}
}

// New opens a freshly migrated SQLite file in t.TempDir().
func New(t testing.TB) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatalf("dbtest: open sqlite: %v", err)
	}
	t.Cleanup(func() { _ = d.Close() })
	if err := d.Migrate(context.Background()); err != nil {
		t.Fatalf("dbtest: migrate sqlite: %v", err)
	}
	return d
}

// NewPostgres creates, migrates and (at cleanup) drops a PostgreSQL database of its
// own. It skips the test when FRONTDESK_TEST_POSTGRES_DSN is not set.
func NewPostgres(t testing.TB) *db.DB {
	t.Helper()
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		t.Skip("dbtest: " + PostgresEnv + " is not set")
	}
	ctx := context.Background()
	admin, err := sqlx.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("dbtest: open postgres: %v", err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	name := "frontdesk_test_" + randomSuffix()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("dbtest: drop database %s: %v", name, err)
		}
	})
	d, err := db.Open(ctx, withDatabase(t, dsn, name))
	if err != nil {
		t.Fatalf("dbtest: open test database: %v", err)
	}
	t.Cleanup(func() { _ = d.Close() })
	if err := d.Migrate(ctx); err != nil {
		t.Fatalf("dbtest: migrate postgres: %v", err)
	}
	return d
}

// PostgresDSN returns a DSN for a fresh, empty database (dropped at cleanup), for tests
// that must open the database themselves, as the binary does.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	d := NewPostgres(t)
	var name string
	if err := d.W.Get(&name, "SELECT current_database()"); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	return withDatabase(t, os.Getenv(PostgresEnv), name)
}

func withDatabase(t testing.TB, dsn, name string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("dbtest: bad %s: %v", PostgresEnv, err)
	}
	u.Path = "/" + name
	return u.String()
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
