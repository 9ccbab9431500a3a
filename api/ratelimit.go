package api

import (
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// rateWindow is the span a per-IP limit counts requests in.
const rateWindow = time.Minute

// limiter counts requests per (route, client IP) in fixed one-minute windows. It lives
// in the process: several app instances each allow the limit, which is enough to stop
// a script from sending SMS codes to a stranger's phone in a loop.
type limiter struct {
	mu      sync.Mutex
	now     func() time.Time
	windows map[string]*window
	swept   time.Time
}

type window struct {
	start time.Time
	count int
}

func newLimiter(now func() time.Time) *limiter {
	return &limiter{now: now, windows: map[string]*window{}}
}

// allow counts one request and reports how long to wait when over the limit.
func (l *limiter) allow(key string, limit int) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	w, ok := l.windows[key]
	if !ok || now.Sub(w.start) >= rateWindow {
		w = &window{start: now}
		l.windows[key] = w
	}
	w.count++
	if w.count > limit {
		return false, w.start.Add(rateWindow).Sub(now)
	}
	return true, 0
}

// sweep forgets finished windows once a minute so the map does not grow forever.
func (l *limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < rateWindow {
		return
	}
	for k, w := range l.windows {
		if now.Sub(w.start) >= rateWindow {
			delete(l.windows, k)
		}
	}
	l.swept = now
}

// limit enforces acc.PerMinute for the caller's IP on one route.
func (l *limiter) limit(c *fiber.Ctx, route string, perMinute int) error {
	ok, wait := l.allow(route+" "+c.IP(), perMinute)
	if ok {
		return nil
	}
	return &fault.Error{Kind: fault.TooManyRequests, Code: "rate_limited",
		Detail: "too many requests from your address; try again shortly", RetryAfter: int(wait.Seconds()) + 1}
}
