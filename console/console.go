// Package console is the staff face of Frontdesk: server-rendered pages (html/template,
// embedded), a small hand-written script for one-click actions, keyboard shortcuts and
// live refresh, cookie sessions over the staff sign-in tokens and CSRF checks on every
// POST. It talks to the features through their services; every action is a real form
// POST that works without JavaScript.
package console

import (
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/calendar"
	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/booking/selfservice"
	"github.com/frontdeskhq/frontdesk/booking/waitlist"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/figures"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/inventory/counts"
	"github.com/frontdeskhq/frontdesk/inventory/maintenance"
	"github.com/frontdeskhq/frontdesk/inventory/purchasing"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/reviews"
	"github.com/frontdeskhq/frontdesk/reviews/recall"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/tasks"
	"github.com/frontdeskhq/frontdesk/telephony"
)

// Services are the features the console shows and acts through.
type Services struct {
	DB             *db.DB
	Audit          *audit.Log
	Staff          *staff.Service
	Clinic         *clinic.Service
	Booking        *booking.Service
	Schedules      *schedule.Service
	Self           *selfservice.Service
	Waitlist       *waitlist.Waitlist
	Calendars      *calendar.Service
	Documents      *documents.Service
	Questionnaires *questionnaire.Service
	Tasks          *tasks.Service
	Messages       *messaging.Service
	Reviews        *reviews.Service
	Recall         *recall.Service
	Telephony      *telephony.Service
	Inventory      *inventory.Service
	Purchasing     *purchasing.Service
	Counts         *counts.Service
	Maintenance    *maintenance.Service
	Figures        *figures.Service
}

// Options are the console's settings.
type Options struct {
	Log *slog.Logger
	// Secret keys the CSRF tokens (empty: a random key per process, so a form
	// rendered by one instance cannot be posted to another).
	Secret []byte
	// PublicURL is where the clinic serves Frontdesk; an https URL marks the session
	// cookie Secure.
	PublicURL string
	Now       func() time.Time
}

// Console is the staff console's handler set.
type Console struct {
	svc  Services
	opts Options
	csrf patientpage.Nonces
}

// New builds the console; it panics when an embedded text is broken (a page, when first
// drawn), which a test catches long before a clinic could.
func New(s Services, o Options) *Console {
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Console{svc: s, opts: o, csrf: patientpage.NewNonces(o.Secret, "console")}
}

// Routes mounts the console's pages. Each area of the console mounts its own.
func (c *Console) Routes(r fiber.Router) {
	r.Get("/", func(fc *fiber.Ctx) error { return fc.Redirect("/console", fiber.StatusSeeOther) })
	r.Get("/console/assets/:name", serveAsset)
	c.signInRoutes(r)
	c.todayRoutes(r)
	c.phoneRoutes(r)
	c.listRoutes(r)
	c.cardRoutes(r)
	c.doctorRoutes(r)
	c.suppliesRoutes(r)
	c.figuresRoutes(r)
}

// PageNotFound answers a console path that is no page: signed-in staff get the page
// saying so in their frame, anyone else the sign-in form.
func (c *Console) PageNotFound(fc *fiber.Ctx) error {
	w, err := c.authenticate(fc)
	if err != nil {
		return c.toSignIn(fc)
	}
	fc.Locals(staffKey, w)
	return c.notFound(fc)
}
