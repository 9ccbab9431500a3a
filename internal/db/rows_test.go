package db_test

import (
	"context"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Rows written in chunks all land, each with its own values, on both databases.
func TestExecRowsWritesEveryChunk(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := db.Exec(ctx, d.W, `CREATE TABLE rows_probe (n INTEGER PRIMARY KEY, twice INTEGER NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		st := db.Rows{Head: `INSERT INTO rows_probe (n, twice) VALUES `, Row: `(?, ?)`, Tail: ` ON CONFLICT (n) DO NOTHING`}
		ns := make([]int, 25)
		for i := range ns {
			ns[i] = i + 1
		}
		if err := db.ExecRows(ctx, d.W, st, ns, 7, func(n int) []any { return []any{n, 2 * n} }); err != nil {
			t.Fatal(err)
		}
		var count, sum int
		if err := d.W.QueryRowContext(ctx, `SELECT COUNT(*), SUM(twice) FROM rows_probe`).Scan(&count, &sum); err != nil {
			t.Fatal(err)
		}
		if count != 25 || sum != 25*26 {
			t.Fatalf("%d rows summing %d, want 25 summing %d", count, sum, 25*26)
		}
	})
}
