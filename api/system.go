package api

import (
	"context"
	_ "embed"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

//go:embed openapi.yaml
var openAPISpec []byte

// OpenAPISpec returns the contract, for tests that validate traffic against it.
func OpenAPISpec() []byte { return openAPISpec }

// ErrNotReady answers /readyz while the database is unreachable or behind.
var ErrNotReady = fault.New(fault.Unavailable, "not_ready", "the database is unreachable or migrations are pending")

func mountSystem(app *fiber.App, d Deps) {
	app.Get("/healthz", func(c *fiber.Ctx) error {
		return c.JSON(fiber.Map{"status": "ok", "version": d.Version})
	})
	app.Get("/readyz", readyz(d.Ready))
	app.Get("/api/openapi.yaml", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, "application/yaml; charset=utf-8")
		return c.Send(openAPISpec)
	})
	app.Get("/api/docs", docsPage)
}

func readyz(r Readiness) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
		defer cancel()
		if err := r.Ping(ctx); err != nil {
			return ErrNotReady
		}
		current, err := r.MigrationsCurrent(ctx)
		if err != nil || !current {
			return ErrNotReady
		}
		return c.JSON(fiber.Map{"status": "ready"})
	}
}
