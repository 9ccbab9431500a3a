package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/calendar"
	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/booking/selfservice"
	"github.com/frontdeskhq/frontdesk/booking/waitlist"
	"github.com/frontdeskhq/frontdesk/booking/widget"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/console"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/figures"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/idempotency"
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

// newHTTP mounts every feature's routes on the fiber app, behind api's middleware.
func (a *App) newHTTP() *fiber.App {
	c := a.cfg
	widgetHTTP := widget.NewHandler(a.Widget)
	return api.New(api.Deps{
		Log:          c.Log,
		Auth:         a.Staff,
		Ready:        a.DB,
		Registry:     c.Registry,
		Version:      c.Version,
		Demo:         c.Demo,
		NoRateLimits: c.NoRateLimits,
		// Retried POSTs with an Idempotency-Key get the first answer back.
		Idempotency: idempotency.NewStore(a.DB, c.Now),
		// Clinic websites embedding the widget call the public API across origins.
		CORS:     widgetHTTP.CORS(c.Demo),
		Features: a.features(widgetHTTP),
		Console:  a.console(),
	})
}

// features are the route groups of every feature, in the order they are mounted.
func (a *App) features(widgetHTTP *widget.Handler) []api.Feature {
	c := a.cfg
	return []api.Feature{
		staff.NewHandler(a.Staff), audit.NewHandler(a.Audit), clinic.NewHandler(a.Clinic),
		messaging.NewHandler(a.Messages), booking.NewHandler(a.Booking), schedule.NewHandler(a.Schedules),
		selfservice.NewPublicHandler(a.Self), calendar.NewHandler(a.Calendars, c.PublicURL),
		selfservice.NewVisitPageHandler(a.Self, a.Schedules, selfservice.PageOptions{Log: c.Log, Secret: c.PageSecret}),
		waitlist.NewHandler(a.Waitlist), widgetHTTP,
		questionnaire.NewHandler(a.Questionnaires, questionnaire.PageOptions{Log: c.Log, Secret: c.PageSecret}),
		documents.NewHandler(a.Documents), reminders.NewHandler(a.Reminders), tasks.NewHandler(a.Tasks),
		messaging.NewWebhookHandler(a.Inbox, messaging.WebhookOptions{PublicURL: c.PublicURL, GenericSecret: c.WebhookSecret}),
		telephony.NewHandler(a.Telephony, c.PublicURL), inventory.NewHandler(a.Inventory),
		inventory.NewCSVHandler(a.Inventory), purchasing.NewHandler(a.Purchasing),
		counts.NewHandler(a.Counts), maintenance.NewHandler(a.Maintenance),
		reviews.NewHandler(a.Reviews),
		monitoring.NewHandler(a.ReviewMonitor),
		recall.NewHandler(a.Recall),
		surveys.NewHandler(a.Surveys, surveys.PageOptions{Log: c.Log, Secret: c.PageSecret}),
		figures.NewHandler(a.Figures),
	}
}

// console builds the staff console over the same services the API uses.
func (a *App) console() *console.Console {
	c := a.cfg
	return console.New(console.Services{
		DB: a.DB, Audit: a.Audit, Staff: a.Staff, Clinic: a.Clinic, Booking: a.Booking, Schedules: a.Schedules,
		Self: a.Self, Waitlist: a.Waitlist, Calendars: a.Calendars, Documents: a.Documents,
		Questionnaires: a.Questionnaires, Tasks: a.Tasks, Messages: a.Messages, Reviews: a.Reviews,
		Recall: a.Recall, Telephony: a.Telephony, Inventory: a.Inventory, Purchasing: a.Purchasing,
		Counts: a.Counts, Maintenance: a.Maintenance, Figures: a.Figures,
	}, console.Options{Log: c.Log, Secret: c.PageSecret, PublicURL: c.PublicURL, Now: c.Now})
}
