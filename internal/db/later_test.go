package db_test

import (
	"context"
	"errors"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

const (
	createNotes = `CREATE TABLE later_notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`
	insertNote  = `INSERT INTO later_notes (id, body) VALUES (?, ?)`
	countNotes  = `SELECT count(*) FROM later_notes`
)

var noteRows = db.Rows{Head: `INSERT INTO later_notes (id, body) VALUES `, Row: `(?, ?)`}

// rawCount counts the notes on tx past the package's helpers, which would send kept
// inserts first: what the database holds for tx at that moment.
func rawCount(ctx context.Context, t *testing.T, tx db.Tx) int {
	var n int
	if err := tx.QueryRowContext(ctx, countNotes).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A transaction begun WithLater on PostgreSQL keeps Later's inserts until a helper
// reads, and sends them all before it; the rest are sent before the commit. Elsewhere
// (SQLite, or without WithLater) each runs at once.
func TestLaterInsertsAreKeptUntilRead(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := db.Exec(ctx, d.W, createNotes); err != nil {
			t.Fatal(err)
		}
		keeps := d.Dialect == db.Postgres
		err := d.InTx(db.WithLater(ctx), func(tx db.Tx) error {
			if err := db.Later(ctx, tx, insertNote, 1, "one"); err != nil {
				return err
			}
			if err := db.LaterRows(ctx, tx, noteRows, []int{2, 3}, 10, func(i int) []any { return []any{i, "more"} }); err != nil {
				return err
			}
			if got, want := rawCount(ctx, t, tx), map[bool]int{true: 0, false: 3}[keeps]; got != want {
				t.Errorf("before a read the transaction holds %d notes, want %d", got, want)
			}
			var n int
			if err := db.Get(ctx, tx, &n, countNotes); err != nil || n != 3 {
				t.Errorf("a read in the transaction counts %d notes (%v), want 3", n, err)
			}
			if err := db.Later(ctx, tx, insertNote, 4, "last"); err != nil {
				return err
			}
			touched, err := db.ExecCount(ctx, tx, `UPDATE later_notes SET body = 'kept' WHERE id = ?`, 4)
			if err != nil || touched != 1 {
				t.Errorf("an update after a kept insert touched %d rows (%v), want the kept one", touched, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.Get(ctx, d.R, &n, countNotes); err != nil || n != 4 {
			t.Fatalf("stored %d notes (%v), want 4", n, err)
		}
		err = d.InTx(ctx, func(tx db.Tx) error {
			if err := db.Later(ctx, tx, insertNote, 5, "plain"); err != nil {
				return err
			}
			if got := rawCount(ctx, t, tx); got != 5 {
				t.Errorf("without WithLater the transaction holds %d notes, want 5", got)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// A kept insert that fails fails its transaction at the commit, and nothing the
// transaction wrote is stored.
func TestLaterFailureRollsBackTheTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := db.Exec(ctx, d.W, createNotes); err != nil {
			t.Fatal(err)
		}
		if err := db.Exec(ctx, d.W, insertNote, 1, "there"); err != nil {
			t.Fatal(err)
		}
		err := d.InTx(db.WithLater(ctx), func(tx db.Tx) error {
			if err := db.Exec(ctx, tx, insertNote, 2, "at once"); err != nil {
				return err
			}
			if err := db.Later(ctx, tx, insertNote, 3, "kept"); err != nil {
				return err
			}
			return db.Later(ctx, tx, insertNote, 1, "taken")
		})
		if !errors.Is(err, db.ErrConflict) {
			t.Fatalf("InTx = %v, want the conflict of the kept insert", err)
		}
		var n int
		if err := db.Get(ctx, d.R, &n, countNotes); err != nil || n != 1 {
			t.Fatalf("stored %d notes (%v), want only the one before", n, err)
		}
	})
}
