package main

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/app/demo"
)

var printedPassword = regexp.MustCompile(`(?m)^password: (\S+)$`)

func TestUserAddPrintsAPasswordThatSignsIn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fd.db")
	r := runBin(t, nil, "user", "add", "--db", path, "--email", "Owner@Clinic.test", "--name", "Ewa Nowak", "--role", "owner")
	m := printedPassword.FindStringSubmatch(r.stdout)
	if r.code != 0 || m == nil {
		t.Fatalf("user add: code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runBin(t, nil, "user", "add", "--db", path, "--email", "nurse@clinic.test", "--name", "Ola", "--role", "nurse",
		"--password", "chosen-password")
	if r.code != 0 || strings.Contains(r.stdout, "password:") {
		t.Fatalf("user add with a password: code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runBin(t, nil, "user", "add", "--db", path, "--email", "owner@clinic.test", "--name", "Again", "--role", "admin")
	if r.code != 1 || !strings.Contains(r.stderr, "email_taken") {
		t.Errorf("a taken e-mail: code %d, stderr %q", r.code, r.stderr)
	}
	s := startServe(t, "--db", path)
	s.waitReady()
	if code, token := s.login("owner@clinic.test", m[1]); code != http.StatusOK || token == "" {
		t.Errorf("sign in with the printed password: %d", code)
	}
	if code, token := s.login("nurse@clinic.test", "chosen-password"); code != http.StatusOK || token == "" {
		t.Errorf("sign in with the chosen password: %d", code)
	}
}

func TestUserAddRejectsAnUnknownBranch(t *testing.T) {
	r := runBin(t, nil, "user", "add", "--db", filepath.Join(t.TempDir(), "fd.db"), "--email", "d@clinic.test",
		"--name", "Doc", "--role", "doctor", "--branch", "0190f3a0-0000-7000-8000-000000000000")
	if r.code != 2 || !strings.Contains(r.stderr, "branch") {
		t.Errorf("unknown branch: code %d, stderr %q", r.code, r.stderr)
	}
}

func TestServeDemoPrintsURLsAndLoginsThatWork(t *testing.T) {
	s := startServe(t, "--demo", "--db", filepath.Join(t.TempDir(), "fd.db"))
	s.waitReady()
	out := s.out.String()
	for _, want := range []string{"/api/v1", "/api/docs", "/api/openapi.yaml", "/healthz", "/metrics", "/widget/demo", demo.Password} {
		if !strings.Contains(out, want) {
			t.Errorf("the banner does not mention %s:\n%s", want, out)
		}
	}
	for _, l := range demo.Logins {
		if !strings.Contains(out, l.Email) {
			t.Errorf("the banner does not list %s", l.Email)
		}
		if code, token := s.login(l.Email, demo.Password); code != http.StatusOK || token == "" {
			t.Errorf("sign in as %s: %d", l.Email, code)
		}
	}
}

func TestDemoCommandSeedsOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fd.db")
	r := runBin(t, nil, "demo", "--db", path, "--demo-locale", "sv")
	if r.code != 0 || !strings.Contains(r.stdout, "seeded") {
		t.Fatalf("first demo: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = runBin(t, nil, "demo", "--db", path)
	if r.code != 0 || !strings.Contains(r.stdout, "nothing added") {
		t.Fatalf("second demo: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

// TestServeHonoursIdempotencyKeys checks the binary wires the idempotency store: a
// retried create with the same key answers with the first branch, not a second one.
func TestServeHonoursIdempotencyKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fd.db")
	if r := runBin(t, nil, "user", "add", "--db", path, "--email", "o@clinic.test", "--name", "O",
		"--role", "owner", "--password", "owner-password"); r.code != 0 {
		t.Fatalf("user add: %d %s", r.code, r.stderr)
	}
	s := startServe(t, "--db", path)
	s.waitReady()
	_, token := s.login("o@clinic.test", "owner-password")
	body := `{"name":"Wola","country":"PL","time_zone":"Europe/Warsaw","locale":"pl","currency":"PLN"}`
	var ids []string
	for range 2 {
		req, _ := http.NewRequest(http.MethodPost, s.base+"/api/v1/branches", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Idempotency-Key", "branch-wola-1")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var b struct {
			ID string `json:"id"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&b)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("create branch: %d", resp.StatusCode)
		}
		ids = append(ids, b.ID)
	}
	if ids[0] == "" || ids[0] != ids[1] {
		t.Errorf("a retry with the same Idempotency-Key made another branch: %v", ids)
	}
}
