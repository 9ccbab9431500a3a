package main

import (
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"sync"
	"syscall"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestServePostgresStopsCleanlyOnSIGTERM(t *testing.T) {
	s := startServe(t, "--db", dbtest.PostgresDSN(t))
	s.waitReady()
	if code := s.stop(syscall.SIGTERM); code != 0 {
		t.Fatalf("exit code after SIGTERM: %d\n%s", code, s.errb)
	}
}

// TestTwoInstancesStartTogetherOnPostgres starts two servers on one unmigrated database:
// goose's session lock makes one wait while the other migrates, and both come up.
func TestTwoInstancesStartTogetherOnPostgres(t *testing.T) {
	dsn := emptyPostgres(t)
	servers := make([]*server, 2)
	var wg sync.WaitGroup
	for i := range servers {
		wg.Go(func() { servers[i] = startServe(t, "--db", dsn) })
	}
	wg.Wait()
	for i, s := range servers {
		s.waitReady()
		if code := s.stop(syscall.SIGTERM); code != 0 {
			t.Errorf("instance %d exit code %d:\n%s", i, code, s.errb)
		}
	}
}

// emptyPostgres creates a database with no tables at all (dbtest's are migrated already)
// and drops it at cleanup.
func emptyPostgres(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv(dbtest.PostgresEnv)
	if dsn == "" {
		t.Skip(dbtest.PostgresEnv + " is not set")
	}
	admin, err := sqlx.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "frontdesk_cmd_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
