package db_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// TestWALIsCopiedBackBesideTheWriter: the writer never checkpoints inside a commit
// (wal_autocheckpoint is off on it), yet what it writes reaches the database file soon
// after, through the background checkpoints.
func TestWALIsCopiedBackBesideTheWriter(t *testing.T) {
	ctx := context.Background()
	d, path := openBlobs(ctx, t)
	var auto int
	if err := d.W.GetContext(ctx, &auto, "PRAGMA wal_autocheckpoint"); err != nil || auto != 0 {
		t.Fatalf("writer's wal_autocheckpoint = %d (%v), want 0", auto, err)
	}
	big := []byte(strings.Repeat("x", 1<<20))
	if err := db.Exec(ctx, d.W, `INSERT INTO blobs (b) VALUES (?)`, big); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Size() >= 1<<20 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("database file is %d bytes 5 s after a 1 MiB insert: the WAL was not copied back", st.Size())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWALStartsOverUnderSteadyReads: with readers always inside a read transaction, a
// PASSIVE checkpoint copies the WAL back but never lets the writer start it over; the
// background checkpoint must, so the WAL stays near its restart length instead of
// growing with everything written.
func TestWALStartsOverUnderSteadyReads(t *testing.T) {
	ctx := context.Background()
	d, path := openBlobs(ctx, t)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			readSteadily(ctx, t, d, stop)
		}()
	}
	// A megabyte every 10 ms gives the checkpoints, 100 ms apart, their turns.
	const written = 96 << 20
	blob := []byte(strings.Repeat("x", 1<<20))
	for range written / len(blob) {
		if err := db.Exec(ctx, d.W, `INSERT INTO blobs (b) VALUES (?)`, blob); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	st, err := os.Stat(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() >= written/2 {
		t.Fatalf("WAL is %d MB after %d MB written under steady reads: it never started over", st.Size()>>20, written>>20)
	}
}

// readSteadily keeps a read transaction open on d, one after another, until stop.
func readSteadily(ctx context.Context, t *testing.T, d *db.DB, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		tx, err := d.R.BeginTxx(ctx, nil)
		if err != nil {
			t.Error(err)
			return
		}
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM blobs`); err != nil {
			t.Error(err)
		}
		time.Sleep(2 * time.Millisecond)
		_ = tx.Rollback()
	}
}

// openBlobs opens a SQLite file of its own for t, closed when t ends, with an empty
// blobs table, and answers it with its path.
func openBlobs(ctx context.Context, t *testing.T) (*db.DB, string) {
	path := filepath.Join(t.TempDir(), "x.db")
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	if err := db.Exec(ctx, d.W, `CREATE TABLE blobs (b BLOB)`); err != nil {
		t.Fatal(err)
	}
	return d, path
}
