package main

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

func TestVersion(t *testing.T) {
	r := runBin(t, nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "frontdesk ") {
		t.Fatalf("version: code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestBadConfigurationStopsWithOneLineAndCode2(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte(strings.Repeat("not a database ", 512)), 0o600); err != nil {
		t.Fatal(err)
	}
	badQuestionnaire := filepath.Join(dir, "bad-templates")
	if err := os.MkdirAll(filepath.Join(badQuestionnaire, "questionnaires"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(badQuestionnaire, "questionnaires", "intake.json"), []byte(`{"id": "x"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"unknown scheme", nil, []string{"serve", "--db", "mysql://root@localhost/x"}, "unknown scheme"},
		{"missing folder", nil, []string{"serve", "--db", filepath.Join(dir, "nope", "x.db")}, "no such file"},
		{"folder as db file", nil, []string{"serve", "--db", dir}, "is a folder"},
		{"db file that is not a database", nil, []string{"serve", "--db", file}, "not a database"},
		{"address without port", nil, []string{"serve", "--addr", "nonsense"}, "--addr"},
		{"port out of range", nil, []string{"serve", "--addr", ":99999"}, "port"},
		{"address not on this host", nil, []string{"serve", "--addr", "192.0.2.1:0"}, "cannot assign"},
		{"unknown locale", nil, []string{"serve", "--demo-locale", "de"}, "--demo-locale"},
		{"missing templates", nil, []string{"serve", "--templates-dir", filepath.Join(dir, "nope")}, "--templates-dir"},
		{"templates not a folder", nil, []string{"serve", "--templates-dir", file}, "not a folder"},
		{"broken questionnaire", nil, []string{"serve", "--templates-dir", badQuestionnaire}, "questionnaire intake.json"},
		{"bad log level", nil, []string{"serve", "--log-level", "loud"}, "--log-level"},
		{"short page secret", []string{"FRONTDESK_PAGE_SECRET=short"}, []string{"serve"}, "--page-secret"},
		{"bad env duration", []string{"FRONTDESK_TOKEN_TTL=soon"}, []string{"serve"}, "TokenTTL"},
		{"bad env address", []string{"FRONTDESK_ADDR=nonsense"}, []string{"serve"}, "--addr"},
		{"unknown flag", nil, []string{"serve", "--bogus"}, "-bogus"},
		{"unknown command", nil, []string{"launch"}, "unknown command"},
		{"migrate without verb", nil, []string{"migrate"}, "migrate up"},
		{"user with bad role", nil, []string{"user", "add", "--email", "a@b.test", "--name", "A", "--role", "king"}, "--role"},
		{"demo in bad locale", nil, []string{"demo", "--demo-locale", "xx"}, "--demo-locale"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := c.args
			if args[0] != "launch" && args[0] != "migrate" && !slices.Contains(args, "--db") {
				// Keep the database in the temp dir should validation ever let a case through.
				args = append(slices.Clone(args), "--db", filepath.Join(t.TempDir(), "t.db"))
			}
			if args[0] == "serve" && !slices.Contains(args, "--addr") && len(c.env) == 0 {
				// Never the default :8080: the README's demo server may hold it.
				args = append(slices.Clone(args), "--addr", "127.0.0.1:0")
			}
			r := runBin(t, c.env, args...)
			lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
			if r.code != 2 || len(lines) != 1 || !strings.HasPrefix(lines[0], "frontdesk: ") ||
				!strings.Contains(lines[0], c.want) || r.stdout != "" {
				t.Errorf("code %d (want 2), stdout %q, stderr %q (want one line naming %q)", r.code, r.stdout, r.stderr, c.want)
			}
		})
	}
}

// A bad setting is a usage error (exit 2) even while another server holds the port:
// the whole configuration is checked before binding; the taken port alone is exit 1.
func TestBadConfigurationIsCheckedBeforeThePortIsTaken(t *testing.T) {
	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	addr := held.Addr().String()
	r := runBin(t, nil, "serve", "--addr", addr, "--db", "mysql://root@localhost/x")
	if r.code != 2 || !strings.Contains(r.stderr, "unknown scheme") {
		t.Errorf("bad db with the port held: code %d, stderr %q", r.code, r.stderr)
	}
	r = runBin(t, nil, "serve", "--addr", addr, "--db", filepath.Join(t.TempDir(), "t.db"))
	if r.code != 1 || !strings.Contains(r.stderr, "address already in use") {
		t.Errorf("good settings with the port held: code %d, stderr %q", r.code, r.stderr)
	}
}

func TestServeSQLiteStopsCleanlyOnSIGTERM(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fd.db")
	s := startServe(t, "--db", path)
	s.waitReady()
	for _, p := range []string{"/healthz", "/api/openapi.yaml", "/api/docs", "/metrics"} {
		if code, body := s.get(p); code != http.StatusOK {
			t.Errorf("GET %s: %d %s", p, code, body)
		}
	}
	if code := s.stop(syscall.SIGTERM); code != 0 {
		t.Fatalf("exit code after SIGTERM: %d\n%s", code, s.errb)
	}
	if !strings.Contains(s.errb.String(), "database closed") {
		t.Errorf("the log does not say the database was closed:\n%s", s.errb)
	}
	checkIntact(t, path)
}

// checkIntact opens the file the server left and checks it is whole and migrated.
func checkIntact(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var ok string
	if err := d.R.GetContext(ctx, &ok, "PRAGMA integrity_check"); err != nil || ok != "ok" {
		t.Errorf("integrity_check: %q %v", ok, err)
	}
	if current, err := d.MigrationsCurrent(ctx); err != nil || !current {
		t.Errorf("migrations current: %v %v", current, err)
	}
}

func TestServeStopsOnSIGINT(t *testing.T) {
	s := startServe(t, "--db", ":memory:")
	s.waitReady()
	if code := s.stop(syscall.SIGINT); code != 0 {
		t.Fatalf("exit code after SIGINT: %d\n%s", code, s.errb)
	}
}

func TestMigrateUpAndStatus(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fd.db")
	r := runBin(t, nil, "migrate", "status", "--db", path)
	if r.code != 0 || !strings.Contains(r.stdout, "pending") {
		t.Fatalf("status before up: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = runBin(t, nil, "migrate", "up", "--db", path)
	if r.code != 0 || !strings.Contains(r.stdout, "applied") || strings.Contains(r.stdout, "pending") {
		t.Fatalf("up: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = runBin(t, []string{"FRONTDESK_DB=" + path}, "migrate", "status")
	if r.code != 0 || strings.Contains(r.stdout, "pending") {
		t.Fatalf("status after up (db from the environment): %d %q %q", r.code, r.stdout, r.stderr)
	}
}
