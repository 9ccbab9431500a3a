package db_test

import (
	"context"
	"sync"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// An observer hears each write transaction with the function outside internal/db that
// ran it, grouped ones included, and a positive time held.
func TestObservedWriteTxNamesItsCaller(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		var (
			mu   sync.Mutex
			seen []db.WriteTx
		)
		d.ObserveWriteTx(func(w db.WriteTx) { mu.Lock(); seen = append(seen, w); mu.Unlock() })
		defer d.ObserveWriteTx(nil)
		if err := writeAlone(ctx, d); err != nil {
			t.Fatal(err)
		}
		if err := db.NewGroup(d, 4).InTx(ctx, func(tx db.Tx) error { return db.Exec(ctx, tx, `SELECT 1`) }); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		want := []string{"internal/db_test.writeAlone", "internal/db_test.TestObservedWriteTxNamesItsCaller.func1"}
		if len(seen) != len(want) {
			t.Fatalf("heard %d write transactions, want %d: %+v", len(seen), len(want), seen)
		}
		for i, w := range seen {
			if w.Caller != want[i] || w.Took <= 0 {
				t.Errorf("transaction %d: %+v, want caller %s and a time", i, w, want[i])
			}
		}
	})
}

// writeAlone runs one write transaction of its own.
func writeAlone(ctx context.Context, d *db.DB) error {
	return d.InTx(ctx, func(tx db.Tx) error { return db.Exec(ctx, tx, `SELECT 1`) })
}
