package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// bin is the frontdesk binary built once for the package's tests.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "frontdesk-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "frontdesk")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build frontdesk: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// result is a finished run of the binary.
type result struct {
	stdout, stderr string
	code           int
}

// cleanEnv is the test's environment without FRONTDESK_* settings, so a developer's
// shell cannot change what the binary is told, plus extra.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "FRONTDESK_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// runBin runs the binary to completion with env added to a clean environment.
func runBin(t *testing.T, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = cleanEnv(env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String(), code: cmd.ProcessState.ExitCode()}
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("run frontdesk %v: %v", args, err)
	}
	return r
}

// server is a running `frontdesk serve`.
type server struct {
	t    *testing.T
	cmd  *exec.Cmd
	base string
	out  *syncBuffer
	errb *syncBuffer
	done chan struct{}
}

// syncBuffer is written by the process's output copier and read by the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var listening = regexp.MustCompile(`is listening on (http://\S+)`)

// startServe starts `frontdesk serve` on a port the kernel picks and waits until the
// banner names it; it does not wait for /readyz.
func startServe(t *testing.T, args ...string) *server {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = cleanEnv()
	s := &server{t: t, cmd: cmd, out: &syncBuffer{}, errb: &syncBuffer{}, done: make(chan struct{})}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = s.errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := make(chan string, 1)
	go s.copyOut(stdout, base)
	t.Cleanup(s.kill)
	select {
	case s.base = <-base:
	case <-s.done:
		t.Fatalf("serve exited early (%d):\n%s%s", cmd.ProcessState.ExitCode(), s.out, s.errb)
	case <-time.After(60 * time.Second):
		t.Fatalf("serve printed no address:\n%s%s", s.out, s.errb)
	}
	return s
}

// copyOut keeps the server's stdout, sends the base URL from the banner, and marks the
// process done once its output closes and it has exited.
func (s *server) copyOut(r io.Reader, base chan<- string) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		fmt.Fprintln(s.out, sc.Text())
		if m := listening.FindStringSubmatch(sc.Text()); m != nil {
			select {
			case base <- m[1]:
			default:
			}
		}
	}
	_ = s.cmd.Wait()
	close(s.done)
}

// waitReady polls /readyz until it answers 200.
func (s *server) waitReady() {
	s.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if code, _ := s.get("/readyz"); code == http.StatusOK {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("/readyz never answered 200:\n%s%s", s.out, s.errb)
}

func (s *server) get(path string) (int, string) {
	resp, err := http.Get(s.base + path)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// login signs in through the API and returns the status and token.
func (s *server) login(email, password string) (int, string) {
	s.t.Helper()
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	resp, err := http.Post(s.base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		s.t.Fatalf("login: %v", err)
	}
	defer resp.Body.Close()
	var out struct {
		Token string `json:"token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out.Token
}

// stop sends sig and returns the exit code once the process ends.
func (s *server) stop(sig syscall.Signal) int {
	s.t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		s.t.Fatalf("signal: %v", err)
	}
	select {
	case <-s.done:
		return s.cmd.ProcessState.ExitCode()
	case <-time.After(30 * time.Second):
		s.t.Fatalf("serve did not stop after %v:\n%s", sig, s.errb)
		return -1
	}
}

func (s *server) kill() {
	select {
	case <-s.done:
	default:
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}
