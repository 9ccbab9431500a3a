package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/wiring"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// services are the feature services over one database, wired as the load harness
// wires them.
type services = wiring.Services

// newServices builds every service over d with the real clock, counting sign-ins on reg.
func newServices(d *db.DB, cfg Config, tpl *messaging.Templates, qs *questionnaire.Set, docs *doctemplate.Set,
	reg prometheus.Registerer) services {
	return wiring.NewServices(d, wiring.Options{TokenTTL: cfg.TokenTTL, PublicURL: cfg.PublicURL,
		Templates: tpl, Questionnaires: qs, DocumentTemplates: docs, Registerer: reg})
}

// loadDocumentTemplates reads the built-in document templates, overridden by the
// clinic's own from <templates-dir>/documents/<locale>/<kind>.md when that folder
// exists. A broken template fails the whole load, naming its file and line.
func loadDocumentTemplates(dir string) (*doctemplate.Set, error) {
	folder := filepath.Join(dir, "documents")
	if st, err := os.Stat(folder); dir == "" || err != nil || !st.IsDir() {
		return doctemplate.Load()
	}
	return doctemplate.Load(os.DirFS(folder))
}

// loadTemplates reads the built-in message templates, overridden by the clinic's own
// from <templates-dir>/messages when that folder exists.
func loadTemplates(dir string) (*messaging.Templates, error) {
	if dir == "" {
		return messaging.LoadTemplates()
	}
	if st, err := os.Stat(filepath.Join(dir, "messages")); err != nil || !st.IsDir() {
		return messaging.LoadTemplates()
	}
	return messaging.LoadTemplates(os.DirFS(filepath.Join(dir, "messages")))
}

// newApp mounts every feature's routes on the fiber app.
func newApp(s services, cfg Config, log *slog.Logger, reg *prometheus.Registry) *fiber.App {
	return wiring.NewApp(s, wiring.AppOptions{Log: log, Registry: reg, Version: fullVersion(), Demo: cfg.Demo,
		PageSecret: []byte(cfg.PageSecret), WebhookSecret: cfg.WebhookSecret})
}

// newRelay delivers appointment lifecycle events to their subscribers.
func newRelay(s services, log *slog.Logger) *booking.Relay { return wiring.NewRelay(s, log) }

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
