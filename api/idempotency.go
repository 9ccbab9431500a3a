package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/idempotency"
)

// HeaderIdempotencyKey names the header a client sets to make a creating request safe
// to retry.
const HeaderIdempotencyKey = "Idempotency-Key"

// IdempotencyStore remembers answers by key (internal/idempotency.Store).
type IdempotencyStore interface {
	Claim(ctx context.Context, scope, key, hash string) (*idempotency.Answer, error)
	Save(ctx context.Context, scope, key string, a idempotency.Answer) error
	Release(ctx context.Context, scope, key string) error
}

var saneIdempotencyKey = regexp.MustCompile(`^[\x21-\x7e]{1,255}$`)

var errBadIdempotencyKey = fault.Field(HeaderIdempotencyKey, "invalid", "must be 1–255 visible ASCII characters")

// idempotent replays the first successful answer to a POST retried with the same
// Idempotency-Key by the same caller. Failed answers are not remembered, so a
// corrected retry runs.
func idempotent(store IdempotencyStore) fiber.Handler {
	return func(c *fiber.Ctx) error {
		key := c.Get(HeaderIdempotencyKey)
		if key == "" || c.Method() != fiber.MethodPost || store == nil {
			return c.Next()
		}
		if !saneIdempotencyKey.MatchString(key) {
			return errBadIdempotencyKey
		}
		ctx := c.UserContext()
		scope := idempotencyScope(c)
		answer, err := store.Claim(ctx, scope, key, requestHash(c))
		if err != nil {
			return err
		}
		if answer != nil {
			c.Set("Idempotent-Replayed", "true")
			c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
			return c.Status(answer.Status).SendString(answer.Body)
		}
		return runAndRemember(c, store, scope, key)
	}
}

func runAndRemember(c *fiber.Ctx, store IdempotencyStore, scope, key string) error {
	ctx := context.WithoutCancel(c.UserContext())
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil || status >= 300 {
		if rerr := store.Release(ctx, scope, key); rerr != nil {
			return rerr
		}
		return err
	}
	return store.Save(ctx, scope, key, idempotency.Answer{Status: status, Body: string(c.Response().Body())})
}

// idempotencyScope keeps one caller's keys apart from another's and one route's from
// another's.
func idempotencyScope(c *fiber.Ctx) string {
	a := actor.From(c.UserContext())
	who := a.StaffID
	if who == "" {
		who = "ip:" + c.IP()
	}
	return c.Method() + " " + c.Route().Path + " " + who
}

func requestHash(c *fiber.Ctx) string {
	h := sha256.New()
	h.Write([]byte(c.OriginalURL()))
	h.Write([]byte{0})
	h.Write(c.Body())
	return hex.EncodeToString(h.Sum(nil))
}
