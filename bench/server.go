package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/frontdeskhq/frontdesk/internal/app"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/jobs"
)

// server is the whole app, built by internal/app as `frontdesk serve` builds it,
// serving on a loopback port.
type server struct {
	svc    *app.App
	ln     net.Listener
	base   string
	times  *serverTimes
	client *http.Client
	jobs   *jobs.Runner
	served chan error
}

// startServer listens on 127.0.0.1:0 and serves the app there, with its periodic jobs
// (visit events, the outbox dispatch, the reminder sweep) running on River as in
// `frontdesk serve`. Only the per-IP rate limits are off: every client of the harness
// comes from one address.
func startServer(ctx context.Context, d *db.DB, errOut io.Writer) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{ln: ln, base: "http://" + ln.Addr().String(), times: newServerTimes(errOut), served: make(chan error, 1)}
	log := slog.New(s.times)
	reg := prometheus.NewRegistry()
	s.svc = app.New(app.Config{DB: d, PublicURL: s.base, Log: log, Registry: reg, Version: "bench", NoRateLimits: true})
	if s.jobs, err = s.svc.StartJobs(ctx); err != nil {
		_ = ln.Close()
		return nil, err
	}
	go func() { s.served <- s.svc.HTTP.Listener(ln) }()
	s.client = newClient()
	if err := s.waitReady(ctx); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// waitReady polls /readyz until the app answers, so no phase races the start.
func (s *server) waitReady(ctx context.Context) error {
	for ctx.Err() == nil {
		if a := s.call(ctx, http.MethodGet, "/readyz", "ready.1", "", nil); a.err == nil && a.status == http.StatusOK {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return ctx.Err()
}

// newClient keeps one idle connection per client goroutine, so every request after
// the first rides an open keep-alive connection as a busy front end's would.
func newClient() *http.Client {
	tr := &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, IdleConnTimeout: time.Minute,
		DisableCompression: true}
	return &http.Client{Transport: tr, Timeout: time.Minute}
}

// stop shuts the app down, letting requests in flight finish, then the jobs, in the
// order serve stops them.
// Closing the listener as well ends a Serve that began only after the shutdown.
func (s *server) stop() {
	s.client.CloseIdleConnections()
	_ = s.svc.HTTP.ShutdownWithTimeout(10 * time.Second)
	_ = s.ln.Close()
	<-s.served
	s.jobs.Stop()
}

// serverTimes is the app's logger. From each access-log line ("request") it keeps the
// duration the app itself measured, filed under the request id's prefix (the harness
// names every request "<phase>.<n>"); warnings and errors go on to errOut as JSON.
// The access log times the whole middleware chain below the request id: routing,
// auth, the handler, its SQL and the JSON it writes; not the socket I/O around it.
type serverTimes struct {
	store *timeStore
	warn  slog.Handler
}

type timeStore struct {
	mu    sync.Mutex
	phase map[string][]time.Duration
}

func newServerTimes(errOut io.Writer) *serverTimes {
	return &serverTimes{store: &timeStore{phase: map[string][]time.Duration{}},
		warn: slog.NewJSONHandler(errOut, &slog.HandlerOptions{Level: slog.LevelWarn})}
}

// Enabled keeps info: the access log is written at info, as in production.
func (h *serverTimes) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

// Handle files a request's duration or passes a warning on.
func (h *serverTimes) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelWarn {
		return h.warn.Handle(ctx, r)
	}
	if r.Message != "request" {
		return nil
	}
	var id string
	var ms float64
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "request_id":
			id = a.Value.String()
		case "duration_ms":
			ms = a.Value.Float64()
		}
		return true
	})
	if phase, _, ok := strings.Cut(id, "."); ok {
		h.store.add(phase, time.Duration(ms*float64(time.Millisecond)))
	}
	return nil
}

// WithAttrs keeps filing into the same store.
func (h *serverTimes) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &serverTimes{store: h.store, warn: h.warn.WithAttrs(attrs)}
}

// WithGroup keeps filing into the same store.
func (h *serverTimes) WithGroup(name string) slog.Handler {
	return &serverTimes{store: h.store, warn: h.warn.WithGroup(name)}
}

func (s *timeStore) add(phase string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.phase[phase] = append(s.phase[phase], d)
}

// serverTimesOf returns and forgets the app's own timings filed under phase.
func (s *server) serverTimesOf(phase string) []time.Duration {
	st := s.times.store
	st.mu.Lock()
	defer st.mu.Unlock()
	out := st.phase[phase]
	delete(st.phase, phase)
	return out
}
