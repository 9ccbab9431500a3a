// Command bench is Frontdesk's load harness. It starts the whole app in-process on
// loopback over a throwaway database (SQLite, PostgreSQL or both), seeds a small and a
// large clinic and a booking branch, then measures availability latency and booking
// throughput with real HTTP clients and prints one markdown table per database.
//
//	go run ./bench [-db sqlite|postgres|both] [-duration 10s] [-clients 64]
//
// It exits 1 only when a correctness check fails (overlapping appointments, or a
// booking answered 201 that the database does not hold), never because of speed; 2
// when it cannot run at all; 130 when interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"
)

// defaultPostgresDSN is the server the throwaway PostgreSQL database is created on.
const defaultPostgresDSN = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// options are the command line.
type options struct {
	databases  []string
	duration   time.Duration
	clients    int
	requests   int
	collide    float64
	postgres   string
	cpuProfile string
	// availability runs the availability cases (off: booking only, for quick runs).
	availability bool
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, out, errOut io.Writer) int {
	opt, err := parseOptions(args, errOut)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(errOut, "bench:", err)
		return 2
	}
	// Ctrl-C cancels the run; the deferred clean-ups still drop the databases.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runAll(ctx, opt, out, errOut)
}

// runAll runs each database in turn and prints its table as soon as it is done.
func runAll(ctx context.Context, opt options, out, errOut io.Writer) int {
	code := 0
	for _, kind := range opt.databases {
		rep, err := runDatabase(ctx, kind, opt, errOut)
		switch {
		case ctx.Err() != nil:
			fmt.Fprintln(errOut, "bench: interrupted; throwaway databases removed")
			return 130
		case err != nil:
			fmt.Fprintf(errOut, "bench: %s: %v\n", kind, err)
			return 2
		}
		rep.print(out)
		if rep.failed() {
			code = 1
		}
	}
	return code
}

func parseOptions(args []string, errOut io.Writer) (options, error) {
	var opt options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(errOut)
	db := fs.String("db", "both", "sqlite, postgres or both")
	fs.DurationVar(&opt.duration, "duration", 10*time.Second, "how long each booking phase (app, then bare SQL) runs")
	fs.IntVar(&opt.clients, "clients", 64, "concurrent booking clients (and bare-SQL goroutines)")
	fs.IntVar(&opt.requests, "requests", 400, "availability requests per case (each case also stops after -duration)")
	fs.Float64Var(&opt.collide, "collide", 0.2, "share of bookings aimed at a time another client just took")
	fs.StringVar(&opt.postgres, "postgres", envOr("FRONTDESK_BENCH_POSTGRES_DSN", defaultPostgresDSN),
		"PostgreSQL server to create the throwaway database on (env FRONTDESK_BENCH_POSTGRES_DSN)")
	fs.BoolVar(&opt.availability, "availability", true, "run the availability cases (-availability=false: booking phases only)")
	fs.StringVar(&opt.cpuProfile, "cpuprofile", "", "write a CPU profile of each app booking phase here (suffixed .sqlite/.postgres)")
	if err := fs.Parse(args); err != nil {
		return opt, err
	}
	switch *db {
	case "sqlite", "postgres":
		opt.databases = []string{*db}
	case "both":
		opt.databases = []string{"sqlite", "postgres"}
	default:
		return opt, fmt.Errorf("-db %q: want sqlite, postgres or both", *db)
	}
	if opt.duration <= 0 || opt.clients < 1 || opt.requests < 1 || opt.collide < 0 || opt.collide > 1 {
		return opt, errors.New("-duration, -clients and -requests must be positive and -collide from 0 to 1")
	}
	return opt, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// runDatabase runs every phase on one throwaway database and removes it afterwards.
func runDatabase(ctx context.Context, kind string, opt options, errOut io.Writer) (report, error) {
	d, err := openDatabase(ctx, kind, opt.postgres)
	if err != nil {
		return report{}, err
	}
	defer d.remove(errOut)
	srv, err := startServer(ctx, d.DB, errOut)
	if err != nil {
		return report{}, err
	}
	defer srv.stop()
	rep := newReport(kind, d.about, opt)
	began := time.Now()
	w, err := seed(ctx, srv)
	if err != nil {
		return rep, fmt.Errorf("seed: %w", err)
	}
	rep.seeded, rep.seedTook = w.describe(), time.Since(began)
	if !opt.availability {
		return rep, measureBooking(ctx, srv, w, opt, &rep)
	}
	if rep.avail, err = measureAvailability(ctx, srv, w, opt); err != nil {
		return rep, err
	}
	return rep, measureBooking(ctx, srv, w, opt, &rep)
}

// profile runs fn under the CPU profiler when a profile was asked for.
func profile(path, kind string, fn func() error) error {
	if path == "" {
		return fn()
	}
	ext := filepath.Ext(path)
	f, err := os.Create(strings.TrimSuffix(path, ext) + "." + kind + ext)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	return fn()
}
