package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/demo"
	"github.com/frontdeskhq/frontdesk/internal/idempotency"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/widget"
)

// services are the feature services over one database.
type services struct {
	db        *db.DB
	audit     *audit.Log
	staff     *staff.Service
	clinic    *clinic.Service
	messages  *messaging.Service
	schedules *booking.Schedules
	booking   *booking.Service
	self      *booking.SelfService
	waitlist  *booking.Waitlist
	widget    *widget.Service
}

// newServices builds every service over d with the real clock, counting sign-ins on reg.
func newServices(d *db.DB, cfg Config, tpl *messaging.Templates, reg prometheus.Registerer) services {
	log := audit.New(d, time.Now)
	s := services{
		db:    d,
		audit: log,
		staff: staff.NewService(d, log, time.Now, staff.Options{
			TokenTTL: cfg.TokenTTL,
			OnLogin:  api.NewLoginCounter(reg),
		}),
		clinic:   clinic.NewService(d, log, time.Now),
		messages: messaging.NewService(d, tpl, time.Now),
	}
	s.schedules = booking.NewSchedules(d, s.clinic, time.Now)
	s.booking = booking.NewService(booking.Deps{DB: d, Dir: s.clinic, Patients: s.clinic, Schedule: s.schedules,
		Audit: log, Now: time.Now})
	s.self = booking.NewSelfService(s.booking, booking.SelfDeps{Outbox: s.messages, Doctors: s.clinic, PublicURL: cfg.PublicURL})
	s.waitlist = booking.NewWaitlist(s.self, s.schedules)
	s.widget = widget.NewService(widget.Deps{DB: d, Dir: s.clinic, Visits: s.self})
	return s
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

// demoDeps is what the demo seeder needs from the services.
func (s services) demoDeps() demo.Deps {
	return demo.Deps{DB: s.db, Staff: s.staff, Clinic: s.clinic, Schedules: s.schedules}
}

// newApp mounts every feature's routes on the fiber app.
func newApp(s services, cfg Config, log *slog.Logger, reg *prometheus.Registry) *fiber.App {
	widgetHTTP := widget.NewHandler(s.widget)
	return api.New(api.Deps{
		Log:      log,
		Auth:     s.staff,
		Ready:    s.db,
		Registry: reg,
		Version:  fullVersion(),
		Demo:     cfg.Demo,
		// Retried POSTs with an Idempotency-Key get the first answer back.
		Idempotency: idempotency.NewStore(s.db, time.Now),
		// Clinic websites embedding the widget call the public API across origins.
		CORS: widgetHTTP.CORS(cfg.Demo),
		Features: []api.Feature{
			staff.NewHandler(s.staff), audit.NewHandler(s.audit), clinic.NewHandler(s.clinic),
			messaging.NewHandler(s.messages), booking.NewHandler(s.booking), booking.NewScheduleHandler(s.schedules),
			booking.NewPublicHandler(s.self), booking.NewCalendarHandler(s.db, s.audit, time.Now),
			booking.NewVisitPageHandler(s.self, s.schedules, booking.PageOptions{Log: log}),
			booking.NewWaitlistHandler(s.waitlist), widgetHTTP,
		},
	})
}

// newRelay delivers appointment lifecycle events to the subscribers registered here:
// the waitlist now, reviews and inventory when they come. Each must be idempotent per
// event, since delivery is at least once.
func newRelay(s services, log *slog.Logger) *booking.Relay {
	r := booking.NewRelay(s.booking, booking.RelayOptions{Log: log})
	r.Subscribe("waitlist", s.waitlist.OnEvent)
	return r
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
