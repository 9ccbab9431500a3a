package apitest

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/app"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/staff"
)

// Clock is a test clock that starts at the real time (or at FRONTDESK_TEST_CLOCK_START)
// and moves only when told.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Env is the whole app over one test database, built by internal/app exactly as
// `frontdesk serve` builds it, with real services and real sign-in. Only the Config
// differs: a test clock, the test public URL and webhook secret, no rate limits.
// Nothing runs in the background: tests call Events.RunOnce and Dispatcher.RunOnce.
type Env struct {
	*app.App
	t        testing.TB
	Clock    *Clock
	Registry *prometheus.Registry

	mu      sync.Mutex
	clients map[actor.Role]*Client
	seq     int
}

// Password is the password of every user an Env creates.
const Password = "test-password-123"

// PublicURL is where the test app says patients open their links.
const PublicURL = "https://frontdesk.test"

// WebhookSecret keys the test app's generic webhook.
const WebhookSecret = "test-webhook-secret"

// Option changes the Config NewEnv builds the app with.
type Option func(*app.Config)

// Demo builds the app in demo mode, with the demo-only routes (GET /api/v1/dev/outbox).
func Demo() Option { return func(c *app.Config) { c.Demo = true } }

// RateLimited keeps the per-IP limits of public routes on; without it tests may fire
// as many requests from one address as they need.
func RateLimited() Option { return func(c *app.Config) { c.NoRateLimits = false } }

// WithChannel sends every message through ch (a local fake provider) where a branch
// has configured no channel.
func WithChannel(ch messaging.Channel) Option { return func(c *app.Config) { c.Channel = ch } }

// clockStart is when a test's clock starts: now, or the instant (RFC 3339) in
// FRONTDESK_TEST_CLOCK_START, so the suite can be run at a weekday, an hour or a date
// it would otherwise meet only by chance: the weeks around Christmas, a night the
// clocks change. Fixtures plan their days from this clock; a test with a clock of its
// own (a fixed instant, or a timer's real time) ignores it.
func clockStart(t testing.TB) time.Time {
	at := os.Getenv("FRONTDESK_TEST_CLOCK_START")
	if at == "" {
		return time.Now().UTC()
	}
	start, err := time.Parse(time.RFC3339, at)
	if err != nil {
		t.Fatalf("FRONTDESK_TEST_CLOCK_START: %v", err)
	}
	return start.UTC()
}

// NewEnv builds the app over d.
func NewEnv(t testing.TB, d *db.DB, opts ...Option) *Env {
	t.Helper()
	e := &Env{t: t, Clock: &Clock{now: clockStart(t)}, Registry: prometheus.NewRegistry(),
		clients: map[actor.Role]*Client{}}
	cfg := app.Config{DB: d, PublicURL: PublicURL, WebhookSecret: WebhookSecret, Now: e.Clock.Now,
		Registry: e.Registry, Version: "test", NoRateLimits: true, Log: slog.New(slog.NewJSONHandler(io.Discard, nil)),
		DocumentTemplates: sharedTemplates(t), Typesetter: sharedFonts}
	for _, opt := range opts {
		opt(&cfg)
	}
	e.App = app.New(cfg)
	return e
}

// Anonymous returns a client that is not signed in.
func (e *Env) Anonymous() *Client { return New(e.t, e.HTTP) }

// As returns a signed-in client of a user with role (made on first use, no branches).
func (e *Env) As(role actor.Role) *Client {
	e.mu.Lock()
	c, ok := e.clients[role]
	e.mu.Unlock()
	if ok {
		return c
	}
	c = e.SignIn(role)
	e.mu.Lock()
	e.clients[role] = c
	e.mu.Unlock()
	return c
}

// SignIn creates a new user with role working at branchIDs and signs them in through
// the API.
func (e *Env) SignIn(role actor.Role, branchIDs ...string) *Client {
	e.t.Helper()
	e.mu.Lock()
	e.seq++
	email := fmt.Sprintf("%s%d@test.frontdesk.test", role, e.seq)
	e.mu.Unlock()
	_, err := e.Staff.Create(e.t.Context(), staff.NewStaff{Email: email, Name: string(role) + " user",
		Role: role, Password: Password, BranchIDs: branchIDs})
	if err != nil {
		e.t.Fatalf("apitest: create %s: %v", role, err)
	}
	return e.Anonymous().As(e.Login(email, Password))
}

// Login signs in through the API and returns the token.
func (e *Env) Login(email, password string) string {
	e.t.Helper()
	r := e.Anonymous().Do(http.MethodPost, "/api/v1/auth/login", map[string]string{"email": email, "password": password})
	if r.Status != http.StatusOK {
		e.t.Fatalf("apitest: login %s: %d %s", email, r.Status, r.Body)
	}
	var out struct {
		Token string `json:"token"`
	}
	r.Decode(e.t, &out)
	return out.Token
}

// shortLink finds the app's short links (/l/{code}) in a message text.
var shortLink = regexp.MustCompile(regexp.QuoteMeta(PublicURL) + `/l/([A-Za-z0-9]+)`)

// ExpandLinks replaces each short link in text by where it leads, read by following
// it through the app as a patient's phone would, so a test can find the token in it.
func (e *Env) ExpandLinks(text string) string {
	e.t.Helper()
	return shortLink.ReplaceAllStringFunc(text, func(link string) string {
		code := shortLink.FindStringSubmatch(link)[1]
		r := e.Anonymous().Do(http.MethodGet, "/l/"+code, nil)
		if to := r.Header.Get("Location"); r.Status/100 == 3 && to != "" {
			return to
		}
		e.t.Fatalf("apitest: short link %s answered %d", link, r.Status)
		return link
	})
}
