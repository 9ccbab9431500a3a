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

// An IN-list longer than one chunk is read in chunks, every row once, on both databases.
func TestSelectInChunksReadsEveryChunk(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := db.Exec(ctx, d.W, `CREATE TABLE chunks_probe (n INTEGER PRIMARY KEY)`); err != nil {
			t.Fatal(err)
		}
		all := make([]int, 2*db.InChunk+7)
		for i := range all {
			all[i] = i + 1
		}
		st := db.Rows{Head: `INSERT INTO chunks_probe (n) VALUES `, Row: `(?)`}
		if err := db.ExecRows(ctx, d.W, st, all, 200, func(n int) []any { return []any{n} }); err != nil {
			t.Fatal(err)
		}
		asked := append(all[1:], 0) // every row but the first, and one that is not there
		got, err := db.SelectInChunks[int](ctx, d.R, `SELECT n FROM chunks_probe WHERE n IN (?)`, asked)
		if err != nil || len(got) != len(all)-1 {
			t.Fatalf("%d rows (%v), want %d", len(got), err, len(all)-1)
		}
		sum := 0
		for _, n := range got {
			sum += n
		}
		if want := len(all)*(len(all)+1)/2 - 1; sum != want {
			t.Fatalf("rows sum to %d, want %d", sum, want)
		}
	})
}
