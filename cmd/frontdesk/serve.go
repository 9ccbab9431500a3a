package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/app"
	"github.com/frontdeskhq/frontdesk/internal/app/demo"
	"github.com/frontdeskhq/frontdesk/internal/jobs"
)

// shutdownGrace bounds how long in-flight requests may take to finish after a signal.
const shutdownGrace = 10 * time.Second

func runServe(ctx context.Context, args []string, std stdio) error {
	cfg, err := serveConfig(args, std.out)
	if err != nil {
		return err
	}
	log := newLogger(cfg, std.err)
	content, err := app.LoadContent(cfg.TemplatesDir)
	if err != nil {
		return usagef("--templates-dir: %v", err)
	}
	d, err := openMigrated(ctx, cfg.DB)
	if err != nil && ctx.Err() != nil {
		return nil // told to stop while starting: nothing was served, nothing is lost
	}
	if err != nil {
		return err
	}
	// Bind only once the whole configuration has been checked, so a bad flag exits 2
	// even while another server holds the port.
	ln, err := listen(cfg.Addr)
	if err != nil {
		_ = d.Close() // nothing was served: the one line of the refusal is all it says
		return err
	}
	defer ln.Close()
	defer closeDB(d, log)
	if cfg.PublicURL == "" {
		cfg.PublicURL = baseURL(ln.Addr())
	}
	a := newApp(d, cfg, content, log, newRegistry())
	demoReady := cfg.Demo && seedOnServe(ctx, a, cfg, log)
	printBanner(std.out, ln.Addr(), demoReady)
	log.Info("listening", "addr", ln.Addr().String(), "version", fullVersion(),
		"db", string(d.Dialect), "templates_dir", cfg.TemplatesDir, "public_url", cfg.PublicURL)
	return serveWithJobs(ctx, a, ln)
}

// startedJobs is what starting River answered.
type startedJobs struct {
	runner *jobs.Runner
	err    error
}

// serveWithJobs serves while River starts beside it: River's migrations and start
// took longer than the rest of the start on PostgreSQL, and nothing a request does
// waits for the periodic jobs (visit events to their subscribers, the outbox, the
// reminder sweep). If River cannot start, serving stops and the error is the answer.
// The jobs stop (running jobs drain, within a bound) after serving ends and before the
// database closes.
func serveWithJobs(ctx context.Context, a *app.App, ln net.Listener) error {
	serveCtx, stop := context.WithCancel(ctx)
	defer stop()
	started := make(chan startedJobs, 1)
	go func() {
		runner, err := a.StartJobs(serveCtx)
		if err != nil {
			stop()
		}
		started <- startedJobs{runner, err}
		// What the start allocated and dropped (migration checks, River's start, the
		// texts read) would stay resident until the scavenger's slow pace returns it:
		// an idle server gives it back now.
		debug.FreeOSMemory()
	}()
	err := a.Serve(serveCtx, ln, shutdownGrace)
	j := <-started
	if j.runner != nil {
		j.runner.Stop()
	}
	if j.err != nil && ctx.Err() == nil {
		return j.err
	}
	return err
}

// listen opens addr. A port in use may free up (an old instance still stopping), so it
// is a failure; any other refusal (an address not on this host) is a usage error.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, fmt.Errorf("--addr %s: %w", addr, err)
	case err != nil:
		return nil, usagef("--addr %q: %v", addr, err)
	}
	return ln, nil
}

// serveConfig reads the environment, then the flags over it, and validates the result.
func serveConfig(args []string, out io.Writer) (Config, error) {
	cfg, err := loadEnv()
	if err != nil {
		return cfg, err
	}
	fs := newFlags("serve")
	bindServe(fs, &cfg)
	if err := parseFlags(fs, args, out); err != nil {
		return cfg, err
	}
	return cfg, cfg.validateServe()
}

// seedOnServe seeds the demo clinic into an empty database and reports whether the demo
// logins work. A database holding other data is left alone: the demo never mixes into a
// real clinic.
func seedOnServe(ctx context.Context, a *app.App, cfg Config, log *slog.Logger) bool {
	outcome, err := demo.Seed(ctx, a.DemoDeps(), cfg.DemoLocale)
	switch {
	case errors.Is(err, demo.ErrNotEmpty):
		log.Warn("demo not seeded: the database already holds other data")
		return false
	case err != nil:
		log.Error("demo not seeded", "err", err)
		return false
	}
	log.Info("demo clinic ready", "added", outcome == demo.Added, "locale", cfg.DemoLocale)
	return true
}

func closeDB(d interface{ Close() error }, log *slog.Logger) {
	if err := d.Close(); err != nil {
		log.Error("close database", "err", err)
		return
	}
	log.Info("database closed")
}

// printBanner tells a person at the terminal where everything is.
func printBanner(w io.Writer, addr net.Addr, demoReady bool) {
	base := baseURL(addr)
	fmt.Fprintf(w, "Frontdesk %s is listening on %s\n", fullVersion(), base)
	for _, l := range [][2]string{
		{"API", "/api/v1"}, {"API docs", "/api/docs"}, {"OpenAPI", "/api/openapi.yaml"},
		{"health", "/healthz"}, {"ready", "/readyz"}, {"metrics", "/metrics"},
	} {
		fmt.Fprintf(w, "  %-9s %s%s\n", l[0], base, l[1])
	}
	if !demoReady {
		return
	}
	fmt.Fprintf(w, "Booking widget on a demo clinic website: %s/widget/demo\n", base)
	fmt.Fprintf(w, "Demo logins (password %q), e.g. POST %s/api/v1/auth/login:\n", demo.Password, base)
	for _, l := range demo.Logins {
		fmt.Fprintf(w, "  %-7s %s\n", l.Role, l.Email)
	}
}

// baseURL names the listening address so a browser on this machine can open it.
func baseURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}
