package db_test

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// column is what the parity test compares per column: its name and whether it may hold
// NULL. Types differ by design (UUID vs TEXT, TIMESTAMPTZ vs TIMESTAMP), so they are not
// compared.
type column struct {
	Name     string
	Nullable bool
}

// schema maps a table name to its columns, sorted by name.
type schema map[string][]column

// TestSchemaParity proves that the SQLite and PostgreSQL migrations end with the same
// tables and the same columns, so code written against one runs on the other.
func TestSchemaParity(t *testing.T) {
	if os.Getenv(dbtest.PostgresEnv) == "" {
		t.Skip("schema parity needs PostgreSQL: set " + dbtest.PostgresEnv +
			" (e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable)")
	}
	ctx := context.Background()
	lite := sqliteSchema(t, ctx, dbtest.New(t))
	pg := postgresSchema(t, ctx, dbtest.NewPostgres(t))
	if len(lite) == 0 {
		t.Fatal("the SQLite migrations created no tables")
	}
	if diff := cmp.Diff(lite, pg); diff != "" {
		t.Errorf("SQLite (-) and PostgreSQL (+) schemas differ:\n%s", diff)
	}
}

// TestSchemaReadersSeeEveryTable keeps the SQLite half honest on machines without
// PostgreSQL: the reader must find the tables the migrations create.
func TestSchemaReadersSeeEveryTable(t *testing.T) {
	s := sqliteSchema(t, context.Background(), dbtest.New(t))
	for _, table := range []string{"branches", "staff", "patients", "audit_log"} {
		if len(s[table]) == 0 {
			t.Errorf("table %s: no columns read", table)
		}
	}
	for table := range s {
		if strings.HasPrefix(table, "sqlite_") || strings.HasPrefix(table, "goose_") {
			t.Errorf("internal table %s was not ignored", table)
		}
	}
}

const sqliteColumns = `SELECT m.name AS tbl, p.name AS col, p."notnull" = 0 AND p.pk = 0 AS nullable
	FROM sqlite_master m, pragma_table_info(m.name) p
	WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.name NOT LIKE 'goose\_%' ESCAPE '\'`

const postgresColumns = `SELECT table_name AS tbl, column_name AS col, is_nullable = 'YES' AS nullable
	FROM information_schema.columns
	WHERE table_schema = 'public' AND table_name NOT LIKE 'goose\_%'`

func sqliteSchema(t *testing.T, ctx context.Context, d *db.DB) schema {
	t.Helper()
	return readSchema(t, ctx, d, sqliteColumns)
}

func postgresSchema(t *testing.T, ctx context.Context, d *db.DB) schema {
	t.Helper()
	return readSchema(t, ctx, d, postgresColumns)
}

func readSchema(t *testing.T, ctx context.Context, d *db.DB, query string) schema {
	t.Helper()
	var rows []struct {
		Table    string `db:"tbl"`
		Column   string `db:"col"`
		Nullable bool   `db:"nullable"`
	}
	if err := d.R.SelectContext(ctx, &rows, query); err != nil {
		t.Fatalf("read %s schema: %v", d.Dialect, err)
	}
	s := schema{}
	for _, r := range rows {
		s[r.Table] = append(s[r.Table], column{Name: r.Column, Nullable: r.Nullable})
	}
	for table, cols := range s {
		sort.Slice(cols, func(i, j int) bool { return cols[i].Name < cols[j].Name })
		s[table] = cols
	}
	return s
}
