package api

import (
	"fmt"
	"log/slog"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
)

// HeaderRequestID carries the request id both ways.
const HeaderRequestID = "X-Request-ID"

var saneRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID keeps a caller's sane request id (so a proxy's id follows the request
// through our logs) or makes one, echoes it, and puts it in the request context.
func requestID(c *fiber.Ctx) error {
	id := c.Get(HeaderRequestID)
	if !saneRequestID.MatchString(id) {
		id = uuid.NewString()
	}
	c.Set(HeaderRequestID, id)
	c.Locals("request_id", id)
	ctx := actor.WithRequest(c.UserContext(), actor.Request{ID: id, IP: c.IP()})
	c.SetUserContext(ctx)
	return c.Next()
}

func requestIDOf(c *fiber.Ctx) string {
	id, _ := c.Locals("request_id").(string)
	return id
}

// recoverPanics turns a panic into a plain error (a 500 without internals) and logs the
// stack with the request id.
func recoverPanics(log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) (err error) {
		defer func() {
			if r := recover(); r != nil {
				log.Error("panic", "request_id", requestIDOf(c), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return c.Next()
	}
}

// accessLog writes one JSON line per request.
func accessLog(log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		err := c.Next()
		if err != nil {
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				_ = c.SendStatus(fiber.StatusInternalServerError)
			}
		}
		log.Info("request",
			"method", c.Method(), "path", redactPath(c.Path()), "route", c.Route().Path,
			"status", c.Response().StatusCode(), "duration_ms", float64(time.Since(start).Microseconds())/1000,
			"bytes", len(c.Response().Body()), "request_id", requestIDOf(c), "ip", c.IP())
		return nil
	}
}

// tokenPaths are path prefixes followed by a secret (a patient link or a calendar
// feed token): what follows them never reaches a log line.
var tokenPaths = []string{"/api/v1/calendars/", "/api/v1/public/visits/", "/v/", "/q/", "/l/",
	"/api/v1/public/waitlist-offers/", "/w/", "/s/"}

func redactPath(p string) string {
	for _, prefix := range tokenPaths {
		if strings.HasPrefix(p, prefix) {
			return prefix + "[redacted]"
		}
	}
	return p
}

// answerErrors writes error answers right where they happen, so the metrics middleware
// above it sees the real status instead of counting every error as a 500.
func answerErrors(c *fiber.Ctx) error {
	if err := c.Next(); err != nil {
		return c.App().ErrorHandler(c, err)
	}
	return nil
}

// securityHeaders sets the headers every answer carries; pages that need more (the
// API docs page) loosen the content security policy themselves.
func securityHeaders(c *fiber.Ctx) error {
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Frame-Options", "DENY")
	c.Set("Referrer-Policy", "no-referrer")
	c.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
	return c.Next()
}
