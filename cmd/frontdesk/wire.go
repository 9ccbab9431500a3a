package main

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/frontdeskhq/frontdesk/internal/app"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// newApp builds the application from the operator's configuration; content is the
// clinic's templates (zero: the built-in ones).
func newApp(d *db.DB, cfg Config, content app.Content, log *slog.Logger, reg *prometheus.Registry) *app.App {
	return app.New(app.Config{DB: d, PublicURL: cfg.PublicURL, TokenTTL: cfg.TokenTTL,
		Templates: content.Templates, Questionnaires: content.Questionnaires, DocumentTemplates: content.DocumentTemplates,
		Log: log, Registry: reg, Version: fullVersion(), Demo: cfg.Demo,
		PageSecret: []byte(cfg.PageSecret), WebhookSecret: cfg.WebhookSecret})
}

// newRegistry holds the app's metrics plus the Go runtime's and the process's own.
func newRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// openDB opens the database. An address it cannot use, or a SQLite file it cannot open
// (not a database, not readable), is a usage error: retrying will not help. A PostgreSQL
// server that does not answer is a failure, since it may answer later.
func openDB(ctx context.Context, dsn string) (*db.DB, error) {
	d, err := db.Open(ctx, dsn)
	switch {
	case errors.Is(err, db.ErrBadDSN):
		return nil, usagef("--db: %v", err)
	case err != nil && !isPostgres(dsn):
		return nil, usagef("--db %q: %v", dsn, err)
	case err != nil:
		return nil, err
	}
	return d, nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openMigrated opens the database and applies pending migrations (on PostgreSQL under
// goose's session lock, so instances starting together take turns).
func openMigrated(ctx context.Context, dsn string) (*db.DB, error) {
	d, err := openDB(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := d.Migrate(ctx); err != nil {
		_ = d.Close()
		return nil, err
	}
	return d, nil
}
