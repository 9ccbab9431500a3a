package db_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

const insertService = `INSERT INTO services (id, code, names, duration_minutes, price_minor, currency, created_at, updated_at)
	VALUES (?, ?, '{}', 30, 100, 'PLN', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`

// TestStatementReusedWhileItsRowsAreOpen runs a query again, and 300 other texts
// (more than a connection keeps), while rows of the first are still being read on the
// same connection: each answer must be its own.
func TestStatementReusedWhileItsRowsAreOpen(t *testing.T) {
	d := dbtest.New(t)
	ctx := context.Background()
	for i := range 3 {
		if err := db.Exec(ctx, d.W, insertService, uuid.NewString(), fmt.Sprintf("S%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	const list = `SELECT code FROM services WHERE code LIKE 'S%' ORDER BY code`
	err := d.InTx(ctx, func(tx db.Tx) error {
		rows, err := tx.QueryxContext(ctx, list)
		if err != nil {
			return err
		}
		defer rows.Close()
		var seen []string
		for rows.Next() {
			var code string
			if err := rows.Scan(&code); err != nil {
				return err
			}
			seen = append(seen, code)
			var again []string
			if err := db.Select(ctx, tx, &again, list); err != nil || len(again) != 3 {
				return fmt.Errorf("inner read: %v %v", again, err)
			}
			for n := range 300 {
				var one int
				if err := db.Get(ctx, tx, &one, fmt.Sprintf("SELECT %d", n)); err != nil || one != n {
					return fmt.Errorf("select %d: %d %v", n, one, err)
				}
			}
		}
		if fmt.Sprint(seen) != "[S0 S1 S2]" {
			return fmt.Errorf("outer read %v", seen)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFailedStatementRunsAgain keeps a statement usable after it failed a constraint.
func TestFailedStatementRunsAgain(t *testing.T) {
	d := dbtest.New(t)
	ctx := context.Background()
	if err := db.Exec(ctx, d.W, insertService, uuid.NewString(), "DUP"); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := db.Exec(ctx, d.W, insertService, uuid.NewString(), "DUP"); err == nil {
			t.Fatal("duplicate code stored")
		}
	}
	if err := db.Exec(ctx, d.W, insertService, uuid.NewString(), "NEW"); err != nil {
		t.Fatalf("after failures: %v", err)
	}
}

// BenchmarkPointRead is a one-row read on the reader pool, as each booking makes a
// dozen of (a compiled statement is reused on SQLite).
func BenchmarkPointRead(b *testing.B) {
	d := dbtest.New(b)
	ctx := context.Background()
	id := uuid.NewString()
	if err := db.Exec(ctx, d.W, insertService, id, "P1"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var code string
		if err := db.Get(ctx, d.R, &code, `SELECT code FROM services WHERE id = ?`, id); err != nil {
			b.Fatal(err)
		}
	}
}
