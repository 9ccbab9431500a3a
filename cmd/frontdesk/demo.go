package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/frontdeskhq/frontdesk/internal/app"
	"github.com/frontdeskhq/frontdesk/internal/app/demo"
)

// runDemo seeds the demo clinic into a database, migrating it first.
func runDemo(ctx context.Context, args []string, std stdio) error {
	cfg, err := demoConfig(args, std.out)
	if err != nil {
		return err
	}
	d, err := openMigrated(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	outcome, err := demo.Seed(ctx, newApp(d, cfg, app.Content{}, slog.Default(), prometheus.NewRegistry()).DemoDeps(), cfg.DemoLocale)
	if err != nil {
		return err
	}
	if outcome == demo.Added {
		fmt.Fprintf(std.out, "seeded the demo clinic (%s) into %s\n", cfg.DemoLocale, cfg.DB)
	} else {
		fmt.Fprintf(std.out, "the demo clinic is already in %s; nothing added\n", cfg.DB)
	}
	fmt.Fprintf(std.out, "logins (password %q):\n", demo.Password)
	for _, l := range demo.Logins {
		fmt.Fprintf(std.out, "  %-7s %s\n", l.Role, l.Email)
	}
	return nil
}

func demoConfig(args []string, out io.Writer) (Config, error) {
	cfg, err := loadEnv()
	if err != nil {
		return cfg, err
	}
	fs := newFlags("demo")
	bindDB(fs, &cfg)
	bindDemoLocale(fs, &cfg)
	if err := parseFlags(fs, args, out); err != nil {
		return cfg, err
	}
	return cfg, cfg.validateDemo()
}
