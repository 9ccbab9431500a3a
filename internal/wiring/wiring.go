// Package wiring builds Frontdesk's services and its HTTP app over one database. Main
// (cmd/frontdesk) and the load harness (bench/) both wire through it, so what the
// harness measures is the app that main serves, feature for feature.
package wiring

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/demo"
	"github.com/frontdeskhq/frontdesk/internal/idempotency"
	"github.com/frontdeskhq/frontdesk/internal/jobs"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/reminders"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/tasks"
	"github.com/frontdeskhq/frontdesk/widget"
)

// Services are the feature services over one database.
type Services struct {
	DB       *db.DB
	Audit    *audit.Log
	Staff    *staff.Service
	Clinic   *clinic.Service
	Messages *messaging.Service
	// Inbox receives patients' replies and providers' delivery reports.
	Inbox     *messaging.Inbox
	Reminders *reminders.Service
	// Tasks is the front desk's work queue.
	Tasks     *tasks.Service
	Schedules *booking.Schedules
	Booking   *booking.Service
	Self      *booking.SelfService
	Waitlist  *booking.Waitlist
	Widget    *widget.Service
	// Questionnaires are the pre-visit questionnaires; Documents the packs, signatures
	// and checklist, whose gate booking asks before seating anyone.
	Questionnaires *questionnaire.Service
	Documents      *documents.Service
	// PublicURL is where patients open links and providers call webhooks.
	PublicURL string
}

// Options are the settings the services take from the operator's configuration.
type Options struct {
	// TokenTTL is the lifetime of a staff sign-in token (0: the staff default).
	TokenTTL time.Duration
	// PublicURL is where patients open the links sent to them.
	PublicURL string
	// Templates are the message templates; nil is the built-in set.
	Templates *messaging.Templates
	// Questionnaires are the questionnaire definitions; nil is the built-in set.
	Questionnaires *questionnaire.Set
	// Registerer counts sign-ins.
	Registerer prometheus.Registerer
	// DocumentTemplates are the document templates; nil is the built-in set.
	DocumentTemplates *doctemplate.Set
}

// NewServices builds every service over d with the real clock.
func NewServices(d *db.DB, o Options) Services {
	log := audit.New(d, time.Now)
	s := Services{
		DB:    d,
		Audit: log,
		Staff: staff.NewService(d, log, time.Now, staff.Options{
			TokenTTL: o.TokenTTL,
			OnLogin:  api.NewLoginCounter(o.Registerer),
		}),
		Clinic: clinic.NewService(d, log, time.Now),
		// Links in messages go through /l/{code}: shorter SMS.
		Messages:  messaging.NewService(d, o.Templates, time.Now).ShortenLinks(o.PublicURL).Audited(log),
		PublicURL: o.PublicURL,
	}
	// Services may require only the document kinds there are templates for.
	s.Clinic.AcceptDocumentKinds(doctemplate.Kinds)
	s.Tasks = tasks.NewService(d, time.Now)
	s.Schedules = booking.NewSchedules(d, s.Clinic, time.Now)
	s.Reminders = reminders.NewService(d, s.Messages, time.Now)
	s.Booking = booking.NewService(booking.Deps{DB: d, Dir: s.Clinic, Patients: s.Clinic, Schedule: s.Schedules,
		Gate: documents.NewGate(s.Clinic, log, time.Now), Reminders: s.Reminders, Audit: log, Now: time.Now})
	s.Self = booking.NewSelfService(s.Booking, booking.SelfDeps{Outbox: s.Messages, Doctors: s.Clinic, PublicURL: o.PublicURL})
	// Reminders carry the visit's manage link, made by self-service (built after booking).
	s.Reminders.UseLinks(s.Self)
	s.Waitlist = booking.NewWaitlist(s.Self, s.Schedules)
	s.Inbox = messaging.NewInbox(s.Messages, messaging.InboxDeps{Appointments: s.Self, Normalize: clinic.NormalizePhone})
	s.Widget = widget.NewService(widget.Deps{DB: d, Dir: s.Clinic, Visits: s.Self})
	s.Questionnaires = questionnaire.NewService(questionnaire.Deps{DB: d, Audit: log, Cards: s.Clinic,
		Outbox: s.Messages, Definitions: o.Questionnaires, PublicURL: o.PublicURL, Now: time.Now})
	s.Documents = documents.NewService(documents.Deps{DB: d, Appointments: s.Booking, Dir: s.Clinic,
		Questionnaires: s.Questionnaires, Templates: o.DocumentTemplates, Audit: log, Now: time.Now})
	return s
}

// DemoDeps is what the demo seeder needs from the services.
func (s Services) DemoDeps() demo.Deps {
	return demo.Deps{DB: s.DB, Staff: s.Staff, Clinic: s.Clinic, Schedules: s.Schedules}
}

// AppOptions are the settings of the HTTP app.
type AppOptions struct {
	Log      *slog.Logger
	Registry *prometheus.Registry
	Version  string
	// Demo enables the demo-only routes.
	Demo bool
	// NoRateLimits turns the per-IP limits of public routes off; only the load
	// harness sets it, since all its clients share one address.
	NoRateLimits bool
	// PageSecret keys the patient pages' form nonces (empty: a random key per process).
	PageSecret []byte
	// WebhookSecret keys the generic webhook's X-Frontdesk-Signature (empty: refused).
	WebhookSecret string
}

// NewApp mounts every feature's routes on the fiber app.
func NewApp(s Services, o AppOptions) *fiber.App {
	widgetHTTP := widget.NewHandler(s.Widget)
	return api.New(api.Deps{
		Log:          o.Log,
		Auth:         s.Staff,
		Ready:        s.DB,
		Registry:     o.Registry,
		Version:      o.Version,
		Demo:         o.Demo,
		NoRateLimits: o.NoRateLimits,
		// Retried POSTs with an Idempotency-Key get the first answer back.
		Idempotency: idempotency.NewStore(s.DB, time.Now),
		// Clinic websites embedding the widget call the public API across origins.
		CORS: widgetHTTP.CORS(o.Demo),
		Features: []api.Feature{
			staff.NewHandler(s.Staff), audit.NewHandler(s.Audit), clinic.NewHandler(s.Clinic),
			messaging.NewHandler(s.Messages), booking.NewHandler(s.Booking), booking.NewScheduleHandler(s.Schedules),
			booking.NewPublicHandler(s.Self), booking.NewCalendarHandler(s.DB, s.Audit, time.Now),
			booking.NewVisitPageHandler(s.Self, s.Schedules, booking.PageOptions{Log: o.Log, Secret: o.PageSecret}),
			booking.NewWaitlistHandler(s.Waitlist), widgetHTTP,
			questionnaire.NewHandler(s.Questionnaires, questionnaire.PageOptions{Log: o.Log, Secret: o.PageSecret}),
			documents.NewHandler(s.Documents), reminders.NewHandler(s.Reminders), tasks.NewHandler(s.Tasks),
			messaging.NewWebhookHandler(s.Inbox, messaging.WebhookOptions{PublicURL: s.PublicURL, GenericSecret: o.WebhookSecret}),
		},
	})
}

// NewRelay delivers appointment lifecycle events to the subscribers registered here:
// the waitlist now, reviews and inventory when they come. Each must be idempotent per
// event, since delivery is at least once.
func NewRelay(s Services, log *slog.Logger) *booking.Relay {
	r := booking.NewRelay(s.Booking, booking.RelayOptions{Log: log})
	r.Subscribe("waitlist", s.Waitlist.OnEvent)
	r.Subscribe("questionnaire", QuestionnaireOnEvent(s.Questionnaires))
	return r
}

// QuestionnaireOnEvent sends the questionnaire link when a visit is booked; the
// service keys the message by the visit, so a redelivered event sends nothing more.
func QuestionnaireOnEvent(q *questionnaire.Service) booking.Subscriber {
	return func(ctx context.Context, e booking.Event) error {
		if e.Kind != booking.EventBooked {
			return nil
		}
		return q.SendLink(ctx, e.AppointmentID)
	}
}

// NewDispatcher sends the outbox through the channels branches configure (the log
// channel where none is), with status callbacks to the public URL.
func NewDispatcher(s Services, log *slog.Logger) *messaging.Dispatcher {
	return messaging.NewDispatcher(s.DB, messaging.DispatcherOptions{Log: log,
		Env: messaging.ChannelEnv{PublicURL: s.PublicURL}})
}

// StartJobs starts River's periodic jobs over the services' database: the outbox
// dispatch through dispatcher, and the reminder sweep. Stop the runner before the
// database closes.
func StartJobs(ctx context.Context, s Services, dispatcher *messaging.Dispatcher, log *slog.Logger) (*jobs.Runner, error) {
	return jobs.Start(ctx, s.DB, jobs.Options{Log: log, Dispatch: dispatcher.RunOnce,
		Sweep: func(ctx context.Context) error {
			_, err := s.Reminders.Sweep(ctx)
			return err
		}})
}
