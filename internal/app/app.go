// Package app is Frontdesk's one composition root: from a Config it builds the
// services over one database, the subscribers that hear of visit events, the periodic
// jobs and the HTTP app. `frontdesk serve`, the load harness and the test
// environments all call New, so tests run what production runs; they differ only by
// Config (the clock, a fake provider), never by wiring of their own.
package app

import (
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/calendar"
	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/booking/selfservice"
	"github.com/frontdeskhq/frontdesk/booking/waitlist"
	"github.com/frontdeskhq/frontdesk/booking/widget"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/documents/pdf"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/figures"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/events"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/inventory/counts"
	"github.com/frontdeskhq/frontdesk/inventory/maintenance"
	"github.com/frontdeskhq/frontdesk/inventory/purchasing"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/reminders"
	"github.com/frontdeskhq/frontdesk/reviews"
	"github.com/frontdeskhq/frontdesk/reviews/monitoring"
	"github.com/frontdeskhq/frontdesk/reviews/recall"
	"github.com/frontdeskhq/frontdesk/reviews/surveys"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/tasks"
	"github.com/frontdeskhq/frontdesk/telephony"
)

// Config is everything the application is built from; zero values take the defaults.
type Config struct {
	// DB is the opened, migrated database; the caller closes it after the app stops.
	DB *db.DB
	// PublicURL is where patients open links and providers call webhooks.
	PublicURL string
	// TokenTTL is the lifetime of a staff sign-in token (0: the staff default).
	TokenTTL time.Duration
	// Templates, Questionnaires and DocumentTemplates are the clinic-editable
	// content; nil is the built-in set (LoadContent reads a clinic's folder).
	Templates         *messaging.Templates
	Questionnaires    *questionnaire.Set
	DocumentTemplates *doctemplate.Set
	// Typesetter renders PDFs; nil parses the fonts once for this app.
	Typesetter *pdf.Typesetter
	Log        *slog.Logger
	// Registry collects the app's metrics (nil: a registry of its own).
	Registry *prometheus.Registry
	Version  string
	// Demo enables the demo-only routes.
	Demo bool
	// NoRateLimits turns the per-IP limits of public routes off: for the load harness
	// and tests, whose clients all share one address.
	NoRateLimits bool
	// PageSecret keys the patient pages' form nonces (empty: a random key per process).
	PageSecret []byte
	// WebhookSecret keys the generic webhook's X-Frontdesk-Signature (empty: refused).
	WebhookSecret string
	// Now is the clock every service reads (nil: time.Now).
	Now func() time.Time
	// Channel, when set, carries every message a branch has configured no channel for
	// (tests point it at a local fake provider); nil is the log channel.
	Channel messaging.Channel
	// Every is how often each periodic job runs; see the defaults in jobs.go.
	Every Intervals
}

// App is the built application: its services, the event delivery, the outbox
// dispatcher and the HTTP app.
type App struct {
	cfg Config

	DB       *db.DB
	Audit    *audit.Log
	Staff    *staff.Service
	Clinic   *clinic.Service
	Messages *messaging.Service
	// Inbox receives patients' replies and providers' delivery reports.
	Inbox     *messaging.Inbox
	Reminders *reminders.Service
	Schedules *schedule.Service
	Booking   *booking.Service
	Self      *selfservice.Service
	Waitlist  *waitlist.Waitlist
	Calendars *calendar.Service
	Widget    *widget.Service
	// Questionnaires are the pre-visit questionnaires; Documents the packs, signatures
	// and checklist, whose gate booking asks before seating anyone.
	Questionnaires *questionnaire.Service
	Documents      *documents.Service
	// Tasks is the front desk's work queue.
	Tasks *tasks.Service
	// Telephony is the clinic's phone system: calls, caller cards, callbacks.
	Telephony *telephony.Service
	// Inventory is the supplies: items, places, lots and the stock-move ledger.
	Inventory *inventory.Service
	// Purchasing is the supplies' suggested orders, purchase orders and their receipts.
	Purchasing *purchasing.Service
	// Counts is stocktaking: count sessions per location and their count moves.
	Counts *counts.Service
	// Maintenance is the branches' recurring chores and their tasks.
	Maintenance *maintenance.Service
	// Reviews is the follow-up calls after visits, their plans and campaigns.
	Reviews *reviews.Service
	// ReviewMonitor is the branches' public reviews (Google, imported sites) and replies.
	ReviewMonitor *monitoring.Service
	// Recall is the patients' recall per service and their treatment plans' stages.
	Recall *recall.Service
	// Surveys are the patients' surveys after follow-ups, NPS and review invitations;
	// they fill the reviews core's Surveys port.
	Surveys *surveys.Service
	// Figures are the manager's and the head nurse's KPIs, counted per branch day.
	Figures *figures.Service
	// Events hands visit events to the subscribers of subscribers.go.
	Events *events.Delivery
	// Dispatcher sends the outbox through the channels branches configure.
	Dispatcher *messaging.Dispatcher
	// HTTP is the fiber app with every feature's routes.
	HTTP *fiber.App
}

// New builds the whole application over cfg.DB. Nothing runs until the caller serves
// HTTP and calls StartJobs.
func New(cfg Config) *App {
	cfg.defaults()
	a := &App{cfg: cfg, DB: cfg.DB}
	a.buildServices()
	a.Events = events.New(a.DB, a.subscribers(), events.Options{Log: cfg.Log, Now: cfg.Now})
	a.Dispatcher = messaging.NewDispatcher(a.DB, messaging.DispatcherOptions{Log: cfg.Log, Now: cfg.Now,
		Default: cfg.Channel, Env: messaging.ChannelEnv{PublicURL: cfg.PublicURL}})
	a.HTTP = a.newHTTP()
	return a
}

func (c *Config) defaults() {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	if c.Registry == nil {
		c.Registry = prometheus.NewRegistry()
	}
	c.Every.defaults()
}
