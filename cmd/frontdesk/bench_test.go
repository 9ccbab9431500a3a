package main

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkStartToReady starts the built binary and measures the time from exec to the
// first 200 from /readyz, then the resident memory a second later while idle: all of it,
// and the anonymous part (the rest is the binary's own pages, shared with the page
// cache). "new" starts on a new SQLite file each time, so every run applies the
// migrations; "existing" on one migrated before the loop, as a restart does. It reports
// medians, not means, since a shared machine makes the odd start slow. ns/op includes
// the idle second and the shutdown, so read the reported metrics instead:
//
//	go test ./cmd/frontdesk -run '^$' -bench StartToReady -benchtime 15x
func BenchmarkStartToReady(b *testing.B) {
	b.Run("new", func(b *testing.B) {
		startToReady(b, func() string { return filepath.Join(b.TempDir(), "fd.db") })
	})
	b.Run("existing", func(b *testing.B) {
		file := filepath.Join(b.TempDir(), "fd.db")
		cmd := exec.Command(bin, "migrate", "up", "--db", file, "--log-level", "warn")
		cmd.Env = cleanEnv()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("migrate: %v\n%s", err, out)
		}
		startToReady(b, func() string { return file })
	})
}

// startToReady starts the binary once per iteration on the file db names.
func startToReady(b *testing.B, db func() string) {
	var ready, rss, anon []float64
	for b.Loop() {
		ms, mem := startOnce(b, db())
		ready, rss, anon = append(ready, ms), append(rss, mem["VmRSS:"]), append(anon, mem["RssAnon:"])
	}
	b.ReportMetric(median(ready), "ms-to-ready")
	b.ReportMetric(slices.Max(ready), "ms-to-ready-max")
	b.ReportMetric(median(rss), "MB-idle-rss")
	b.ReportMetric(median(anon), "MB-idle-rss-anon")
}

func startOnce(b *testing.B, db string) (readyMS float64, memMB map[string]float64) {
	addr := freeAddr(b)
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", db, "--log-level", "warn")
	cmd.Env = cleanEnv()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() }()
	client := &http.Client{Timeout: time.Second}
	for time.Since(start) < 30*time.Second {
		resp, err := client.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				readyMS = float64(time.Since(start).Microseconds()) / 1000
				break
			}
		}
		time.Sleep(time.Millisecond)
	}
	if readyMS == 0 {
		b.Fatal("/readyz never answered 200")
	}
	time.Sleep(time.Second)
	return readyMS, memory(b, cmd.Process.Pid)
}

func freeAddr(b *testing.B) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// memory reads a process's resident set sizes (VmRSS:, RssAnon:, …) in MB from /proc
// (Linux only).
func memory(b *testing.B, pid int) map[string]float64 {
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		b.Skipf("no /proc here: %v", err)
	}
	out := map[string]float64{}
	for line := range strings.Lines(string(status)) {
		if f := strings.Fields(line); len(f) >= 2 && (strings.HasPrefix(f[0], "Rss") || f[0] == "VmRSS:") {
			kb, _ := strconv.ParseFloat(f[1], 64)
			out[f[0]] = kb / 1024
		}
	}
	if _, ok := out["VmRSS:"]; !ok {
		b.Fatal("no VmRSS in /proc status")
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
