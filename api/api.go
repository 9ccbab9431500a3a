// Package api is Frontdesk's HTTP face: the fiber app, its middleware, the one error
// handler that speaks RFC 9457 problem+json, the route-to-role policy and the contract.
package api

import (
	"context"
	"log/slog"
	"time"

	"github.com/ansrivas/fiberprometheus/v2"
	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/frontdeskhq/frontdesk/internal/actor"
)

// Feature is a feature package's HTTP side: it mounts its handlers on the router it is
// given, which enforces the policy table.
type Feature interface {
	Routes(r fiber.Router)
}

// Authenticator turns a bearer token into the staff actor it belongs to.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (actor.Actor, error)
}

// Readiness reports whether the database answers and its migrations are current.
type Readiness interface {
	Ping(ctx context.Context) error
	MigrationsCurrent(ctx context.Context) (bool, error)
}

// Deps is everything the app needs, wired by main.
type Deps struct {
	Log       *slog.Logger
	Auth      Authenticator
	Ready     Readiness
	Features  []Feature
	Registry  *prometheus.Registry
	Version   string
	BodyLimit int
	// Idempotency remembers answers to POSTs retried with an Idempotency-Key.
	Idempotency IdempotencyStore
	// Demo enables demo-only routes.
	Demo bool
	// NoRateLimits turns the per-IP limits of public routes off (tests that fire many
	// requests from one address).
	NoRateLimits bool
	// CORS, when set, runs before routing: it answers preflights and adds the CORS
	// headers of cross-origin calls (the booking widget on clinic websites).
	CORS fiber.Handler
	// Console, when set, is the staff console: server-rendered pages with their own
	// cookie sessions and CSRF checks, so it is mounted beside the guarded API routes,
	// not behind the bearer-token policy.
	Console Feature
}

// New builds the fiber app. It does not listen, so tests drive it with app.Test.
func New(d Deps) *fiber.App {
	d = withDefaults(d)
	problems := newProblemCounter(d.Registry)
	app := fiber.New(fiber.Config{
		AppName:               "frontdesk",
		BodyLimit:             d.BodyLimit,
		ErrorHandler:          errorHandler(d.Log, problems),
		DisableStartupMessage: true,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           120 * time.Second,
	})
	prom := fiberprometheus.NewWithRegistry(d.Registry, "frontdesk", "http", "", nil)
	prom.SetSkipPaths([]string{"/metrics", "/healthz", "/readyz"})
	app.Use(requestID, accessLog(d.Log), recoverPanics(d.Log), refuseBadText, securityHeaders, prom.Middleware, answerErrors)
	if d.CORS != nil {
		app.Use(d.CORS)
	}
	prom.RegisterAt(app, "/metrics")
	mountSystem(app, d)
	g := newGuardedRouter(app, d.Auth, policy)
	g.demo = d.Demo
	if d.NoRateLimits {
		g.limits = nil
	}
	g.idempotency = d.Idempotency
	for _, f := range d.Features {
		f.Routes(g)
	}
	if d.Console != nil {
		d.Console.Routes(app)
	}
	app.Use(notFoundOrNotAllowed(app, d))
	return app
}

func withDefaults(d Deps) Deps {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Registry == nil {
		d.Registry = prometheus.NewRegistry()
	}
	if d.BodyLimit == 0 {
		d.BodyLimit = 1 << 20
	}
	return d
}
