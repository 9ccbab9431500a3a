package apitest

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/idempotency"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/reminders"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/tasks"
	"github.com/frontdeskhq/frontdesk/widget"
)

// Clock is a test clock that starts at the real time and moves only when told.
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

// Env is the whole app wired over one test database with real services and real
// sign-in, as main wires it.
type Env struct {
	t        testing.TB
	DB       *db.DB
	App      *fiber.App
	Clock    *Clock
	Registry *prometheus.Registry
	Audit    *audit.Log
	Staff    *staff.Service
	Clinic   *clinic.Service
	Messages *messaging.Service
	// Inbox receives replies and delivery reports (webhooks signed with WebhookSecret).
	Inbox     *messaging.Inbox
	Reminders *reminders.Service
	// Tasks is the front desk's work queue.
	Tasks *tasks.Service
	// Schedules is the booking engine's schedules and availability.
	Schedules *booking.Schedules
	// Booking is the booking engine; Self is patient self-service (holds, manage links).
	Booking *booking.Service
	Self    *booking.SelfService
	// Widget is the booking widget's catalog and allowed origins.
	Widget *widget.Service
	// Waitlist offers freed times to waiting patients; Relay delivers lifecycle events
	// to it. Nothing runs the relay in the background: tests call Relay.RunOnce.
	Waitlist *booking.Waitlist
	Relay    *booking.Relay
	// Questionnaires are the pre-visit questionnaires. Their link sender is not on
	// Relay: a test that wants it subscribes wiring.QuestionnaireOnEvent itself.
	Questionnaires *questionnaire.Service
	// Documents are the packs and the checklist; booking seats anyone unless the env
	// was built WithSeatingGate.
	Documents *documents.Service

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

// Option changes how NewEnv builds the app.
type Option func(*options)

type options struct{ demo, rateLimited, seatingGate bool }

// Demo builds the app in demo mode, with the demo-only routes (GET /api/v1/dev/outbox).
func Demo() Option { return func(o *options) { o.demo = true } }

// RateLimited keeps the per-IP limits of public routes on; without it tests may fire
// as many requests from one address as they need.
func RateLimited() Option { return func(o *options) { o.rateLimited = true } }

// WithSeatingGate makes booking ask the documents feature before seating anyone, as
// the served app does; without it tests may seat patients who signed nothing.
func WithSeatingGate() Option { return func(o *options) { o.seatingGate = true } }

// NewEnv wires the app over d.
func NewEnv(t testing.TB, d *db.DB, opts ...Option) *Env {
	t.Helper()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	e := &Env{t: t, DB: d, Clock: &Clock{now: time.Now().UTC()}, Registry: prometheus.NewRegistry(),
		clients: map[actor.Role]*Client{}}
	e.Audit = audit.New(d, e.Clock.Now)
	e.Staff = staff.NewService(d, e.Audit, e.Clock.Now, staff.Options{OnLogin: api.NewLoginCounter(e.Registry)})
	e.Clinic = clinic.NewService(d, e.Audit, e.Clock.Now)
	e.Messages = messaging.NewService(d, nil, e.Clock.Now).Audited(e.Audit)
	e.Clinic.AcceptDocumentKinds(doctemplate.Kinds)
	e.Tasks = tasks.NewService(d, e.Clock.Now)
	e.Schedules = booking.NewSchedules(d, e.Clinic, e.Clock.Now)
	e.Reminders = reminders.NewService(d, e.Messages, e.Clock.Now)
	var gate booking.SeatingGate
	if o.seatingGate {
		gate = documents.NewGate(e.Clinic, e.Audit, e.Clock.Now)
	}
	e.Booking = booking.NewService(booking.Deps{DB: d, Dir: e.Clinic, Patients: e.Clinic, Schedule: e.Schedules,
		Gate: gate, Reminders: e.Reminders, Audit: e.Audit, Now: e.Clock.Now})
	e.Self = booking.NewSelfService(e.Booking, booking.SelfDeps{Outbox: e.Messages, Doctors: e.Clinic,
		PublicURL: PublicURL})
	e.Reminders.UseLinks(e.Self)
	e.Waitlist = booking.NewWaitlist(e.Self, e.Schedules)
	e.Inbox = messaging.NewInbox(e.Messages, messaging.InboxDeps{Appointments: e.Self, Normalize: clinic.NormalizePhone})
	e.Relay = booking.NewRelay(e.Booking, booking.RelayOptions{Now: e.Clock.Now,
		Log: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	e.Relay.Subscribe("waitlist", e.Waitlist.OnEvent)
	e.Questionnaires = questionnaire.NewService(questionnaire.Deps{DB: d, Audit: e.Audit, Cards: e.Clinic,
		Outbox: e.Messages, PublicURL: PublicURL, Now: e.Clock.Now})
	e.Widget = widget.NewService(widget.Deps{DB: d, Dir: e.Clinic, Visits: e.Self, Now: e.Clock.Now})
	e.Documents = documents.NewService(documents.Deps{DB: d, Appointments: e.Booking, Dir: e.Clinic,
		Questionnaires: e.Questionnaires, Templates: sharedTemplates(t), Typesetter: sharedTypesetter(t),
		Audit: e.Audit, Now: e.Clock.Now})
	widgetHTTP := widget.NewHandler(e.Widget)
	e.App = api.New(api.Deps{
		Log:          slog.New(slog.NewJSONHandler(io.Discard, nil)),
		Auth:         e.Staff,
		Ready:        d,
		Registry:     e.Registry,
		Version:      "test",
		Demo:         o.demo,
		NoRateLimits: !o.rateLimited,
		Idempotency:  idempotency.NewStore(d, e.Clock.Now),
		CORS:         widgetHTTP.CORS(o.demo),
		Features: []api.Feature{staff.NewHandler(e.Staff), audit.NewHandler(e.Audit), clinic.NewHandler(e.Clinic), messaging.NewHandler(e.Messages), booking.NewCalendarHandler(d, e.Audit, e.Clock.Now), booking.NewScheduleHandler(e.Schedules), booking.NewHandler(e.Booking), booking.NewPublicHandler(e.Self), booking.NewVisitPageHandler(e.Self, e.Schedules, booking.PageOptions{}), booking.NewWaitlistHandler(e.Waitlist), widgetHTTP,
			questionnaire.NewHandler(e.Questionnaires, questionnaire.PageOptions{}), documents.NewHandler(e.Documents),
			messaging.NewWebhookHandler(e.Inbox, messaging.WebhookOptions{PublicURL: PublicURL, GenericSecret: WebhookSecret}),
			reminders.NewHandler(e.Reminders), tasks.NewHandler(e.Tasks)},
	})
	return e
}

// Anonymous returns a client that is not signed in.
func (e *Env) Anonymous() *Client { return New(e.t, e.App) }

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
