package app

import (
	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/calendar"
	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/booking/selfservice"
	"github.com/frontdeskhq/frontdesk/booking/waitlist"
	"github.com/frontdeskhq/frontdesk/booking/widget"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/figures"
	"github.com/frontdeskhq/frontdesk/internal/audit"
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

// buildServices makes every feature service, directory first, each given the small
// interfaces it declares, filled in here by the services that implement them.
func (a *App) buildServices() {
	c, d, now := a.cfg, a.DB, a.cfg.Now
	a.Audit = audit.New(d, now)
	a.Staff = staff.NewService(d, a.Audit, now, staff.Options{TokenTTL: c.TokenTTL, OnLogin: api.NewLoginCounter(c.Registry)})
	a.Clinic = clinic.NewService(d, a.Audit, now)
	a.Tasks = tasks.NewService(d, now)
	// Services may require only the document kinds there are templates for.
	a.Clinic.AcceptDocumentKinds(doctemplate.Kinds)
	// Links in messages go through /l/{code}: shorter SMS.
	a.Messages = messaging.NewService(d, c.Templates, now).ShortenLinks(c.PublicURL).Audited(a.Audit)
	a.Schedules = schedule.New(d, a.Clinic, now)
	a.Reminders = reminders.NewService(d, a.Messages, now)
	a.Booking = booking.NewService(booking.Deps{DB: d, Dir: a.Clinic, Patients: a.Clinic, Schedule: a.Schedules,
		Gate: documents.NewGate(a.Clinic, a.Audit, now), Reminders: a.Reminders, Audit: a.Audit, Now: now})
	a.Self = selfservice.New(a.Booking, selfservice.Deps{DB: d, Dir: a.Clinic, Patients: a.Clinic, Rules: a.Schedules,
		Outbox: a.Messages, Doctors: a.Clinic, PublicURL: c.PublicURL})
	// Reminders carry the visit's manage link, made by self-service (built after booking).
	a.Reminders.UseLinks(a.Self)
	a.Waitlist = waitlist.New(waitlist.Deps{Self: a.Self, Booking: a.Booking, Slots: a.Schedules, DB: d, Dir: a.Clinic,
		Patients: a.Clinic, Outbox: a.Messages, Audit: a.Audit})
	a.Calendars = calendar.New(d, a.Audit, now)
	a.Inbox = messaging.NewInbox(a.Messages, messaging.InboxDeps{Appointments: a.Self, Normalize: clinic.NormalizePhone})
	a.Widget = widget.NewService(widget.Deps{DB: d, Dir: a.Clinic, Visits: a.Self, Rules: a.Schedules, Now: now})
	a.Questionnaires = questionnaire.NewService(questionnaire.Deps{DB: d, Audit: a.Audit, Cards: a.Clinic,
		Outbox: a.Messages, Definitions: c.Questionnaires, PublicURL: c.PublicURL, Now: now})
	a.Documents = documents.NewService(documents.Deps{DB: d, Appointments: a.Booking, Dir: a.Clinic,
		Questionnaires: a.Questionnaires, Templates: c.DocumentTemplates, Typesetter: c.Typesetter, Audit: a.Audit, Now: now})
	a.Telephony = telephony.NewService(telephony.Deps{DB: d, Branches: a.Clinic, Tasks: a.Tasks,
		Cards: callerCards{a}, Closures: branchHolidays{a}, Now: now})
	a.Inventory = inventory.NewService(inventory.Deps{DB: d, Dir: a.Clinic, Tasks: a.Tasks, Audit: a.Audit,
		Visits: a.Booking, Outbox: a.Messages, Now: now})
	a.Purchasing = purchasing.NewService(purchasing.Deps{Inventory: a.Inventory, Outbox: a.Messages,
		Printer: newSheetPrinter(c.Typesetter)})
	a.Counts = counts.NewService(a.Inventory)
	a.Maintenance = maintenance.NewService(a.Inventory, a.Staff)
	a.Reviews = reviews.NewService(reviews.Deps{DB: d, Dir: a.Clinic, Visits: a.Booking, Tasks: a.Tasks,
		Closures: branchHolidays{a}, OptOuts: a.Messages, Scripts: a.Messages, NoShows: noShows{a},
		Now: now})
	a.ReviewMonitor = monitoring.NewService(monitoring.Deps{DB: d, Branches: a.Clinic, Tasks: a.Tasks, Now: now})
	// Recall reads visits through booking, future bookings and opt-outs through reads
	// of its own here (recall.go), and sends through the outbox.
	a.Recall = recall.NewService(recall.Deps{DB: d, Dir: a.Clinic, Visits: a.Booking, Bookings: recallBookings{d},
		OptOuts: recallOptOuts{a.Messages}, Outbox: a.Messages, Audit: a.Audit, PublicURL: c.PublicURL, Now: now})
	// Campaigns may call the recall list.
	a.Reviews.UseRecalls(a.Recall)
	a.Surveys = surveys.NewService(surveys.Deps{DB: d, Cards: a.Clinic, Outbox: a.Messages, Tasks: a.Tasks,
		Audit: a.Audit, PublicURL: c.PublicURL, Now: now})
	// The follow-up calls store phone answers and hand the unreached the survey link.
	a.Reviews.UseSurveys(a.Surveys)
	// The owners' weekly digests go out through the outbox (figures_digest.go).
	a.Figures = figures.NewService(figures.Deps{DB: d, Branches: a.Clinic, Closures: branchHolidays{a}, Clock: now,
		Digests: figuresDigests{a}, SiteURL: c.PublicURL})
}

// The reviews core's port the surveys fill (the core never imports its parts).
var _ reviews.Surveys = (*surveys.Service)(nil)

// The ports booking declares and other features fill; checked here, where they meet,
// since the features themselves never import booking.
var (
	_ booking.SeatingGate     = (*documents.Gate)(nil)
	_ booking.ReminderPlanner = (*reminders.Service)(nil)
)
