package api

import (
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/versioned"
)

// Access says who may call a route.
type Access struct {
	// Public routes need no sign-in; a token, if sent, is still checked.
	Public bool
	// Roles may call the route; empty with Public false means no one.
	Roles []actor.Role
	// DemoOnly routes exist only when the server runs in demo mode.
	DemoOnly bool
	// PerMinute, when set, limits requests per client IP per minute on the route.
	PerMinute int
}

var (
	public = Access{Public: true}
	// publicBrowse is for patients looking at free times; publicAct for requests
	// that send a code to a phone or check one.
	publicBrowse = Access{Public: true, PerMinute: 60}
	publicAct    = Access{Public: true, PerMinute: 10}
	anyStaff     = Access{Roles: actor.Roles}
	ownerAdmin   = Access{Roles: []actor.Role{actor.Owner, actor.Admin}}
	ownerOnly    = Access{Roles: []actor.Role{actor.Owner}}
	frontDesk    = Access{Roles: []actor.Role{actor.Owner, actor.Admin, actor.Doctor}}
	deskNurse    = Access{Roles: []actor.Role{actor.Owner, actor.Admin, actor.Nurse}}
	// demoOwner routes exist only in demo mode and serve owners (the dev outbox).
	demoOwner = Access{Roles: []actor.Role{actor.Owner}, DemoOnly: true}
)

// Errors the guard answers with.
var (
	ErrUnauthorized = fault.New(fault.Unauthorized, "unauthorized", "sign in and send the token as: Authorization: Bearer <token>")
	ErrForbidden    = fault.New(fault.Forbidden, "forbidden", "your role may not do this")
)

// policy is the route-to-role table: every feature route must have a row, or the app
// refuses to start. Keys are "METHOD path" exactly as the feature mounts them.
var policy = map[string]Access{
	// staff sign-in
	"POST /api/v1/auth/login":  public,
	"POST /api/v1/auth/logout": anyStaff,
	"GET /api/v1/me":           anyStaff,
	"GET /api/v1/staff":        ownerAdmin,
	"POST /api/v1/staff":       ownerOnly,
	"GET /api/v1/staff/:id":    ownerAdmin,
	"PATCH /api/v1/staff/:id":  ownerOnly,
	"GET /api/v1/audit":        ownerOnly,

	// clinic directory
	"GET /api/v1/branches":                               anyStaff,
	"POST /api/v1/branches":                              ownerOnly,
	"GET /api/v1/branches/:id":                           anyStaff,
	"PATCH /api/v1/branches/:id":                         ownerOnly,
	"POST /api/v1/branches/:id/deactivate":               ownerOnly,
	"GET /api/v1/chairs":                                 anyStaff,
	"POST /api/v1/chairs":                                ownerAdmin,
	"GET /api/v1/chairs/:id":                             anyStaff,
	"PATCH /api/v1/chairs/:id":                           ownerAdmin,
	"POST /api/v1/chairs/:id/deactivate":                 ownerAdmin,
	"GET /api/v1/services":                               anyStaff,
	"POST /api/v1/services":                              ownerAdmin,
	"GET /api/v1/services/:id":                           anyStaff,
	"PATCH /api/v1/services/:id":                         ownerAdmin,
	"POST /api/v1/services/:id/deactivate":               ownerAdmin,
	"GET /api/v1/doctors":                                anyStaff,
	"POST /api/v1/doctors":                               ownerAdmin,
	"GET /api/v1/doctors/:id":                            anyStaff,
	"PATCH /api/v1/doctors/:id":                          ownerAdmin,
	"POST /api/v1/doctors/:id/deactivate":                ownerAdmin,
	"GET /api/v1/patients":                               frontDesk,
	"POST /api/v1/patients":                              frontDesk,
	"GET /api/v1/patients/:id":                           frontDesk,
	"PATCH /api/v1/patients/:id":                         frontDesk,
	"POST /api/v1/patients/:id/merge":                    ownerAdmin,
	"GET /api/v1/patients/:id/export":                    ownerAdmin,
	"POST /api/v1/patients/:id/guardians":                frontDesk,
	"DELETE /api/v1/patients/:id/guardians/:guardian_id": frontDesk,

	// booking: staff appointments and their lifecycle
	"POST /api/v1/appointments":              frontDesk,
	"GET /api/v1/appointments":               anyStaff,
	"GET /api/v1/appointments/:id":           anyStaff,
	"PATCH /api/v1/appointments/:id":         frontDesk,
	"POST /api/v1/appointments/:id/confirm":  ownerAdmin,
	"POST /api/v1/appointments/:id/check-in": deskNurse,
	"POST /api/v1/appointments/:id/seat":     anyStaff,
	"POST /api/v1/appointments/:id/complete": frontDesk,
	"POST /api/v1/appointments/:id/cancel":   frontDesk,
	"POST /api/v1/appointments/:id/no-show":  ownerAdmin,

	// booking: calendar feeds (the feed's path carries its token; calendar clients send no bearer)
	"GET /api/v1/calendars/:file": public,
	"GET /api/v1/me/calendar":     anyStaff,
	"DELETE /api/v1/me/calendar":  anyStaff,

	// booking: holds, patient links, outbox
	"POST /api/v1/public/holds":                    publicAct,
	"POST /api/v1/public/holds/:id/verify":         publicAct,
	"POST /api/v1/public/holds/:id/resend":         publicAct,
	"GET /api/v1/public/visits/:token":             public,
	"POST /api/v1/public/visits/:token/confirm":    public,
	"POST /api/v1/public/visits/:token/cancel":     public,
	"POST /api/v1/public/visits/:token/reschedule": public,
	"GET /api/v1/dev/outbox":                       demoOwner,

	// tasks: the front desk's work queue
	"GET /api/v1/tasks":               ownerAdmin,
	"POST /api/v1/tasks/:id/claim":    ownerAdmin,
	"POST /api/v1/tasks/:id/release":  ownerAdmin,
	"POST /api/v1/tasks/:id/attempts": ownerAdmin,
	"POST /api/v1/tasks/:id/done":     ownerAdmin,

	// messaging: contact history, branch channels, short links, and the providers'
	// telephony: phone lines, the caller's card, the call log (telephony/)
	"GET /api/v1/phone-lines":                ownerAdmin,
	"POST /api/v1/phone-lines":               ownerOnly,
	"POST /api/v1/phone-lines/:id/revoke":    ownerOnly,
	"PUT /api/v1/phone-lines/:id/extensions": ownerAdmin,
	"GET /api/v1/branches/:id/telephony":     ownerAdmin,
	"PUT /api/v1/branches/:id/telephony":     ownerOnly,
	"GET /api/v1/calls/live":                 frontDesk,
	"GET /api/v1/calls/figures":              ownerAdmin,
	"GET /api/v1/calls":                      ownerAdmin,
	"GET /api/v1/calls/:id/events":           ownerAdmin,
	// the phone system's webhooks and lookup (public: the line's token in the path is
	// the credential, and signed providers' signatures are checked)
	"POST /api/v1/telephony/:token/events":             public,
	"GET /api/v1/telephony/:token/lookup":              public,
	"GET /api/v1/telephony/:token/zadarma":             public,
	"POST /api/v1/telephony/:token/zadarma":            public,
	"POST /api/v1/telephony/:token/mango/events/:kind": public,
	"POST /api/v1/telephony/:token/twilio/:kind":       public,

	// figures: KPIs per branch, the rows behind them, the owner's colours (figures/)
	"GET /api/v1/figures":                 deskNurse,
	"GET /api/v1/figures/thresholds":      deskNurse,
	"POST /api/v1/figures/rebuild":        ownerOnly,
	"GET /api/v1/figures/:name/rows":      deskNurse,
	"PUT /api/v1/figures/:name/threshold": ownerOnly,
	// inventory: the catalogue, places, the ledger, materials per procedure (inventory/)
	"GET /api/v1/inventory/items":                  anyStaff,
	"POST /api/v1/inventory/items":                 deskNurse,
	"GET /api/v1/inventory/items/:id":              anyStaff,
	"PUT /api/v1/inventory/items/:id":              deskNurse,
	"PUT /api/v1/inventory/items/:id/suppliers":    deskNurse,
	"PUT /api/v1/inventory/items/:id/levels":       deskNurse,
	"GET /api/v1/inventory/suppliers":              anyStaff,
	"POST /api/v1/inventory/suppliers":             deskNurse,
	"GET /api/v1/inventory/locations":              anyStaff,
	"POST /api/v1/inventory/locations":             deskNurse,
	"GET /api/v1/inventory/stock":                  anyStaff,
	"GET /api/v1/inventory/expiring":               anyStaff,
	"GET /api/v1/inventory/lots/:id/patients":      deskNurse,
	"POST /api/v1/inventory/receipts":              deskNurse,
	"POST /api/v1/inventory/moves":                 anyStaff,
	"GET /api/v1/inventory/moves":                  deskNurse,
	"POST /api/v1/inventory/moves/:id/reverse":     deskNurse,
	"GET /api/v1/inventory/services/:id/materials": anyStaff,
	"PUT /api/v1/inventory/services/:id/materials": deskNurse,
	// a doctor sets only their own quantities (checked by the inventory)
	"GET /api/v1/inventory/services/:id/doctors/:doctor_id/materials": anyStaff,
	"PUT /api/v1/inventory/services/:id/doctors/:doctor_id/materials": anyStaff,
	"GET /api/v1/inventory/visits/:id/materials":                      anyStaff,
	"PUT /api/v1/inventory/visits/:id/materials":                      anyStaff,
	"GET /api/v1/inventory/summary":                                   anyStaff,
	"GET /api/v1/inventory/boards":                                    deskNurse,
	"PUT /api/v1/inventory/boards":                                    ownerAdmin,
	// supplies: CSV import of items and opening stock, the ledger as CSV (inventory/http_csv.go)
	"POST /api/v1/inventory/import":   deskNurse,
	"GET /api/v1/inventory/moves.csv": deskNurse,

	// purchasing (inventory/purchasing): suggested orders, purchase orders, receipts
	"GET /api/v1/inventory/suggested-orders":    deskNurse,
	"GET /api/v1/purchase-orders":               deskNurse,
	"POST /api/v1/purchase-orders":              deskNurse,
	"GET /api/v1/purchase-orders/:id":           deskNurse,
	"PUT /api/v1/purchase-orders/:id":           deskNurse,
	"POST /api/v1/purchase-orders/:id/send":     deskNurse,
	"POST /api/v1/purchase-orders/:id/cancel":   deskNurse,
	"GET /api/v1/purchase-orders/:id/pdf":       deskNurse,
	"POST /api/v1/purchase-orders/:id/receipts": deskNurse,

	// webhooks (public: each request is verified by its signature)
	"GET /api/v1/patients/:id/messages":   frontDesk,
	"POST /api/v1/patients/:id/messages":  frontDesk,
	"GET /api/v1/branches/:id/channels":   ownerOnly,
	"PUT /api/v1/branches/:id/channels":   ownerOnly,
	"GET /l/:code":                        publicBrowse,
	"POST /api/v1/webhooks/twilio/sms":    public,
	"POST /api/v1/webhooks/twilio/status": public,
	"GET /api/v1/webhooks/whatsapp":       public,
	"POST /api/v1/webhooks/whatsapp":      public,
	"POST /api/v1/webhooks/generic":       public,

	// booking: waitlist (offers are opened and held through the patient's link)
	"POST /api/v1/waitlist":                           frontDesk,
	"GET /api/v1/waitlist":                            frontDesk,
	"DELETE /api/v1/waitlist/:id":                     frontDesk,
	"GET /api/v1/public/waitlist-offers/:token":       publicAct,
	"POST /api/v1/public/waitlist-offers/:token/hold": publicAct,

	// booking: schedules and availability
	"GET /api/v1/doctors/:id/schedule":                    anyStaff,
	"PUT /api/v1/doctors/:id/schedule":                    frontDesk,
	"GET /api/v1/doctors/:id/exceptions":                  anyStaff,
	"POST /api/v1/doctors/:id/exceptions":                 frontDesk,
	"DELETE /api/v1/doctors/:id/exceptions/:exception_id": frontDesk,
	"GET /api/v1/branches/:id/closures":                   anyStaff,
	"POST /api/v1/branches/:id/closures":                  ownerAdmin,
	"DELETE /api/v1/branches/:id/closures/:closure_id":    ownerAdmin,
	"GET /api/v1/branches/:id/open-days":                  anyStaff,
	"POST /api/v1/branches/:id/open-days":                 ownerAdmin,
	"DELETE /api/v1/branches/:id/open-days/:open_day_id":  ownerAdmin,
	"GET /api/v1/branches/:id/booking-rules":              anyStaff,
	"PUT /api/v1/branches/:id/booking-rules":              ownerAdmin,
	"GET /api/v1/branches/:id/reminder-rules":             ownerAdmin,
	"PUT /api/v1/branches/:id/reminder-rules":             ownerAdmin,
	"GET /api/v1/branches/:id/booking-confirmations":      ownerAdmin,
	"PUT /api/v1/branches/:id/booking-confirmations":      ownerAdmin,
	"GET /api/v1/services/:id/booking-rules":              anyStaff,
	"PUT /api/v1/services/:id/booking-rules":              ownerAdmin,
	"GET /api/v1/availability":                            anyStaff,
	"GET /api/v1/public/availability":                     publicBrowse,

	// widget: the script and its demo page, what the script reads, the visit's .ics,
	// and the websites each branch lets embed it (CORS)
	"GET /widget.js":                             public,
	"GET /widget/demo":                           {Public: true, DemoOnly: true},
	"GET /widget/demo.css":                       {Public: true, DemoOnly: true},
	"GET /api/v1/public/branches/:id":            publicBrowse,
	"GET /api/v1/public/visits/:token/visit.ics": publicBrowse,
	"GET /api/v1/branches/:id/widget-origins":    ownerOnly,
	"PUT /api/v1/branches/:id/widget-origins":    ownerOnly,

	// documents: packs to print, stored PDFs, signing, the checklist before seating
	"GET /api/v1/appointments/:id/pack.pdf":  frontDesk,
	"GET /api/v1/appointments/:id/documents": frontDesk,
	"GET /api/v1/packs.pdf":                  frontDesk,
	"GET /api/v1/documents/:id/pdf":          frontDesk,
	"POST /api/v1/documents/:id/sign":        frontDesk,

	// manage-visit page (booking/): HTML and form posts; the path carries the link token
	"GET /v/:token":             {Public: true, PerMinute: 30},
	"POST /v/:token/confirm":    {Public: true, PerMinute: 30},
	"POST /v/:token/cancel":     {Public: true, PerMinute: 30},
	"POST /v/:token/reschedule": {Public: true, PerMinute: 30},

	// inventory counts (inventory/counts): a count session per location, its lines, posting
	"POST /api/v1/inventory/counts":            deskNurse,
	"GET /api/v1/inventory/counts/:id":         deskNurse,
	"PUT /api/v1/inventory/counts/:id/lines":   deskNurse,
	"POST /api/v1/inventory/counts/:id/post":   deskNurse,
	"POST /api/v1/inventory/counts/:id/cancel": deskNurse,

	// maintenance (inventory/maintenance): recurring jobs per branch or equipment, done with a note
	"GET /api/v1/maintenance":                 deskNurse,
	"POST /api/v1/maintenance":                deskNurse,
	"GET /api/v1/maintenance/:id":             deskNurse,
	"PUT /api/v1/maintenance/:id":             deskNurse,
	"POST /api/v1/maintenance/:id/done":       deskNurse,
	"POST /api/v1/maintenance/:id/deactivate": deskNurse,

	// follow-up calls (reviews/): the call list, attempts, plans, campaigns, figures
	"GET /api/v1/follow-ups":                   ownerAdmin,
	"GET /api/v1/follow-ups/rules":             ownerAdmin,
	"PUT /api/v1/follow-ups/rules/:service_id": ownerOnly,
	"GET /api/v1/follow-ups/settings":          ownerAdmin,
	"PUT /api/v1/follow-ups/settings":          ownerOnly,
	"GET /api/v1/follow-ups/figures":           ownerOnly,
	"POST /api/v1/call-opt-outs":               ownerAdmin,
	"GET /api/v1/follow-ups/:id":               ownerAdmin,
	"POST /api/v1/follow-ups/:id/claim":        ownerAdmin,
	"POST /api/v1/follow-ups/:id/release":      ownerAdmin,
	"POST /api/v1/follow-ups/:id/attempts":     ownerAdmin,
	"POST /api/v1/campaigns":                   ownerAdmin,
	"GET /api/v1/campaigns":                    ownerAdmin,
	"GET /api/v1/campaigns/:id":                ownerAdmin,
	// review monitoring (reviews/monitoring): sources, polling Google, imports, replies, figures
	"GET /api/v1/reviews/sources":             ownerAdmin,
	"POST /api/v1/reviews/sources":            ownerAdmin,
	"PATCH /api/v1/reviews/sources/:id":       ownerAdmin,
	"POST /api/v1/reviews/sources/:id/poll":   ownerAdmin,
	"POST /api/v1/reviews/sources/:id/import": ownerAdmin,
	"GET /api/v1/reviews/figures":             ownerAdmin,
	"GET /api/v1/reviews":                     anyStaff,
	"GET /api/v1/reviews/:id":                 anyStaff,
	"PUT /api/v1/reviews/:id/reply":           ownerAdmin,

	// questionnaires (documents/questionnaire): staff make links and read alerts; the
	// patient's page /q/{token} is HTML with form posts, the path carrying the link token
	"POST /api/v1/appointments/:id/questionnaire": frontDesk,
	"GET /api/v1/appointments/:id/medical-alerts": anyStaff,
	"GET /q/:token":  {Public: true, PerMinute: 30},
	"POST /q/:token": {Public: true, PerMinute: 30},

	// recall (reviews/recall): who is due, the intervals per service, treatment plans
	"GET /api/v1/recalls":                      frontDesk,
	"POST /api/v1/recalls/:id/dismiss":         frontDesk,
	"GET /api/v1/recalls/rules":                anyStaff,
	"PUT /api/v1/recalls/rules/:service_id":    ownerOnly,
	"POST /api/v1/treatment-plans":             frontDesk,
	"GET /api/v1/patients/:id/treatment-plans": frontDesk,
	// the branch's booking page (booking/widget) recall messages link to, opened on a service
	"GET /book/:branch": publicBrowse,
	// surveys (reviews/surveys): answered surveys and NPS for managers, each branch's
	// public review links (owners edit, staff read); the patient's page /s/{token} is
	// HTML with form posts, the path carrying the link token
	"GET /api/v1/surveys":              ownerAdmin,
	"GET /api/v1/surveys/nps":          ownerAdmin,
	"GET /api/v1/surveys/review-links": anyStaff,
	"PUT /api/v1/surveys/review-links": ownerOnly,
	"GET /s/:token":                    {Public: true, PerMinute: 30},
	"POST /s/:token":                   {Public: true, PerMinute: 30},
}

// Policy returns a copy of the route-to-role table, for the role-matrix test.
func Policy() map[string]Access {
	out := make(map[string]Access, len(policy))
	for k, v := range policy {
		out[k] = v
	}
	return out
}

// Allows reports whether a signed-in actor with role may call a route with access a.
func (a Access) Allows(role actor.Role) bool {
	return a.Public || slices.Contains(a.Roles, role)
}

// guardedRouter is the router features mount on: each route gets the guard its policy
// row names, and a route without a row stops the app at start-up.
type guardedRouter struct {
	fiber.Router
	auth        Authenticator
	policy      map[string]Access
	limits      *limiter
	demo        bool
	idempotency IdempotencyStore
}

func newGuardedRouter(app *fiber.App, auth Authenticator, p map[string]Access) *guardedRouter {
	return &guardedRouter{Router: app, auth: auth, policy: p, limits: newLimiter(time.Now)}
}

func (g *guardedRouter) guarded(method, path string, handlers []fiber.Handler) []fiber.Handler {
	route := method + " " + path
	acc, ok := g.policy[route]
	if !ok {
		panic("api: route " + route + " has no row in the policy table")
	}
	return append([]fiber.Handler{g.guard(route, acc), idempotent(g.idempotency)}, handlers...)
}

// Get mounts a guarded GET (and HEAD) route.
func (g *guardedRouter) Get(path string, h ...fiber.Handler) fiber.Router {
	return g.Router.Get(path, g.guarded(fiber.MethodGet, path, h)...)
}

// Post mounts a guarded POST route.
func (g *guardedRouter) Post(path string, h ...fiber.Handler) fiber.Router {
	return g.Router.Post(path, g.guarded(fiber.MethodPost, path, h)...)
}

// Put mounts a guarded PUT route.
func (g *guardedRouter) Put(path string, h ...fiber.Handler) fiber.Router {
	return g.Router.Put(path, g.guarded(fiber.MethodPut, path, h)...)
}

// Patch mounts a guarded PATCH route.
func (g *guardedRouter) Patch(path string, h ...fiber.Handler) fiber.Router {
	return g.Router.Patch(path, g.guarded(fiber.MethodPatch, path, h)...)
}

// Delete mounts a guarded DELETE route.
func (g *guardedRouter) Delete(path string, h ...fiber.Handler) fiber.Router {
	return g.Router.Delete(path, g.guarded(fiber.MethodDelete, path, h)...)
}

// Group is refused: a group would bypass the policy table.
func (g *guardedRouter) Group(string, ...fiber.Handler) fiber.Router {
	panic("api: features mount whole paths; groups would bypass the policy table")
}

// Use is refused for the same reason as Group.
func (g *guardedRouter) Use(...any) fiber.Router {
	panic("api: features may not add middleware around the policy table")
}

// guard checks the bearer token (if any) and the route's access row, and puts the
// actor in the request context.
func (g *guardedRouter) guard(route string, acc Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if acc.DemoOnly && !g.demo {
			return fiber.ErrNotFound
		}
		if acc.PerMinute > 0 && g.limits != nil {
			if err := g.limits.limit(c, route, acc.PerMinute); err != nil {
				return err
			}
		}
		token, sent := bearer(c)
		if !sent || (acc.Public && token == "") {
			if acc.Public {
				return c.Next()
			}
			return ErrUnauthorized
		}
		// The sign-in check reads the schedule version with its own (versioned.Ahead),
		// for a booking's plan to pin.
		ctx := versioned.Ahead(c.UserContext())
		a, err := g.auth.Authenticate(ctx, token)
		if err != nil {
			return err
		}
		if !acc.Allows(a.Role) {
			return ErrForbidden
		}
		c.SetUserContext(actor.With(ctx, a))
		return c.Next()
	}
}

func bearer(c *fiber.Ctx) (string, bool) {
	h := c.Get(fiber.HeaderAuthorization)
	if h == "" {
		return "", false
	}
	scheme, token, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", true
	}
	return strings.TrimSpace(token), true
}
