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

// BenchmarkStartToReady starts the built binary on a new SQLite file (so every run applies
// the migrations) and measures the time from exec to the first 200 from /readyz, then the
// resident memory a second later while idle. It reports medians, not means, since a
// shared machine makes the odd start slow. ns/op includes the idle second and the
// shutdown, so read the reported metrics instead:
//
//	go test ./cmd/frontdesk -run '^$' -bench StartToReady -benchtime 15x
func BenchmarkStartToReady(b *testing.B) {
	var ready []float64
	var rss []float64
	for b.Loop() {
		ms, mb := startOnce(b)
		ready, rss = append(ready, ms), append(rss, mb)
	}
	b.ReportMetric(median(ready), "ms-to-ready")
	b.ReportMetric(slices.Max(ready), "ms-to-ready-max")
	b.ReportMetric(median(rss), "MB-idle-rss")
}

func startOnce(b *testing.B) (readyMS, rssMB float64) {
	addr := freeAddr(b)
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", filepath.Join(b.TempDir(), "fd.db"), "--log-level", "warn")
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
	return readyMS, vmRSS(b, cmd.Process.Pid)
}

func freeAddr(b *testing.B) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// vmRSS reads a process's resident set size in MB from /proc (Linux only).
func vmRSS(b *testing.B, pid int) float64 {
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		b.Skipf("no /proc here: %v", err)
	}
	for line := range strings.Lines(string(status)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	b.Fatal("no VmRSS in /proc status")
	return 0
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
