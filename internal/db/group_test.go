package db_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// TestGroupMembersFailAlone: of transactions committed together, one that returns an
// error, one that breaks a constraint and one that panics each fail alone, and every
// other is stored; on SQLite they did share transactions.
func TestGroupMembersFailAlone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := db.Exec(ctx, d.W, `CREATE TABLE grouped (k TEXT PRIMARY KEY)`); err != nil {
			t.Fatal(err)
		}
		var txs atomic.Int64
		d.ObserveWriteTx(func(db.WriteTx) { txs.Add(1) })
		defer d.ObserveWriteTx(nil)
		g := db.NewGroup(d, 16)
		const n = 60
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { errs[i] = g.InTx(ctx, groupedWrite(ctx, i)) })
		}
		wg.Wait()
		for i, err := range errs {
			switch {
			case i%10 == 3 && !errors.Is(err, errRefused):
				t.Errorf("member %d: %v, want its own refusal", i, err)
			case i%10 == 5 && !errors.Is(err, db.ErrConflict):
				t.Errorf("member %d: %v, want a conflict", i, err)
			case i%10 == 7 && err == nil:
				t.Errorf("member %d panicked yet succeeded", i)
			case i%10 != 3 && i%10 != 5 && i%10 != 7 && err != nil:
				t.Errorf("member %d failed: %v", i, err)
			}
		}
		var stored int
		if err := db.Get(ctx, d.R, &stored, `SELECT COUNT(*) FROM grouped`); err != nil {
			t.Fatal(err)
		}
		if want := n - 3*n/10; stored != want {
			t.Errorf("%d rows stored, want %d", stored, want)
		}
		if d.Dialect == db.SQLite && txs.Load() >= n {
			t.Errorf("%d write transactions for %d members: nothing was committed together", txs.Load(), n)
		}
	})
}

var errRefused = errors.New("refused")

// groupedWrite stores key i and then, by i, refuses, writes key i again, panics or
// holds the writer a moment (so that others queue).
func groupedWrite(ctx context.Context, i int) func(tx db.Tx) error {
	return func(tx db.Tx) error {
		if err := db.Exec(ctx, tx, `INSERT INTO grouped (k) VALUES (?)`, fmt.Sprint(i)); err != nil {
			return err
		}
		switch i % 10 {
		case 3:
			return errRefused
		case 5:
			return db.Exec(ctx, tx, `INSERT INTO grouped (k) VALUES (?)`, fmt.Sprint(i))
		case 7:
			panic("boom")
		}
		time.Sleep(time.Millisecond)
		return nil
	}
}

// TestGroupMembersSeeTheOnesBefore: members check and claim one key; exactly one
// claims it, whether they ran together or not.
func TestGroupMembersSeeTheOnesBefore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := db.Exec(ctx, d.W, `CREATE TABLE claims (k TEXT NOT NULL, who INTEGER NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		g := db.NewGroup(d, 16)
		var won atomic.Int64
		var wg sync.WaitGroup
		for i := range 40 {
			wg.Go(func() {
				err := g.InTx(ctx, func(tx db.Tx) error {
					if d.Dialect == db.Postgres {
						if err := db.Exec(ctx, tx, `LOCK TABLE claims IN EXCLUSIVE MODE`); err != nil {
							return err
						}
					}
					var taken int
					if err := db.Get(ctx, tx, &taken, `SELECT COUNT(*) FROM claims WHERE k = 'x'`); err != nil {
						return err
					}
					if taken > 0 {
						return errRefused
					}
					return db.Exec(ctx, tx, `INSERT INTO claims (k, who) VALUES ('x', ?)`, i)
				})
				if err == nil {
					won.Add(1)
				} else if !errors.Is(err, errRefused) {
					t.Errorf("member %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		if won.Load() != 1 {
			t.Errorf("%d members claimed the key, want 1", won.Load())
		}
	})
}

// TestGroupOutlivesALostTransaction: a member that ends the shared transaction itself
// (as an interrupted statement would) loses its own write, and the others are stored
// all the same.
func TestGroupOutlivesALostTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := db.Exec(ctx, d.W, `CREATE TABLE grouped (k TEXT PRIMARY KEY)`); err != nil {
			t.Fatal(err)
		}
		g := db.NewGroup(d, 16)
		const n = 30
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				errs[i] = g.InTx(ctx, func(tx db.Tx) error {
					if err := db.Exec(ctx, tx, `INSERT INTO grouped (k) VALUES (?)`, fmt.Sprint(i)); err != nil {
						return err
					}
					time.Sleep(time.Millisecond)
					if i == 13 {
						_, err := tx.ExecContext(ctx, "ROLLBACK")
						return err
					}
					return nil
				})
			})
		}
		wg.Wait()
		for i, err := range errs {
			// Member 13 may even be told nil: its own COMMIT finds nothing to commit.
			if err != nil && i != 13 {
				t.Errorf("member %d: %v", i, err)
			}
		}
		var stored int
		if err := db.Get(ctx, d.R, &stored, `SELECT COUNT(*) FROM grouped`); err != nil || stored != n-1 {
			t.Errorf("%d rows stored (%v), want %d", stored, err, n-1)
		}
	})
}
