package db_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// TestWALIsCopiedBackBesideTheWriter: the writer never checkpoints inside a commit
// (wal_autocheckpoint is off on it), yet what it writes reaches the database file soon
// after, through the background checkpoints.
func TestWALIsCopiedBackBesideTheWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var auto int
	if err := d.W.GetContext(ctx, &auto, "PRAGMA wal_autocheckpoint"); err != nil || auto != 0 {
		t.Fatalf("writer's wal_autocheckpoint = %d (%v), want 0", auto, err)
	}
	if err := db.Exec(ctx, d.W, `CREATE TABLE blobs (b BLOB)`); err != nil {
		t.Fatal(err)
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
