package selfservice

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/patientpage"
)

// VisitPageHandler serves the manage-visit page, /v/{token}: the link patients get in
// their messages. It is HTML, not JSON: the forms post form-encoded bodies and every
// answer is a page or a redirect back to it.
type VisitPageHandler struct{ p *visitPages }

// NewVisitPageHandler returns the manage-visit page over patient self-service ss, with
// free times for moving a visit from free (*schedule.Service).
func NewVisitPageHandler(ss *Service, free FreeTimes, o PageOptions) *VisitPageHandler {
	return &VisitPageHandler{p: newVisitPages(ss, free, o)}
}

// Routes mounts the page and its forms (public in api/policy.go, rate limited per IP).
func (h *VisitPageHandler) Routes(r fiber.Router) {
	r.Get("/v/:token", h.show)
	r.Post("/v/:token/confirm", h.confirm)
	r.Post("/v/:token/cancel", h.cancel)
	r.Post("/v/:token/reschedule", h.reschedule)
}

func pageRequestOf(c *fiber.Ctx) pageRequest {
	return pageRequest{token: c.Params("token"), acceptLang: c.Get(fiber.HeaderAcceptLanguage), nonce: c.FormValue("nonce")}
}

func (h *VisitPageHandler) show(c *fiber.Ctx) error {
	r := pageRequestOf(c)
	r.nonce = ""
	return sendPage(c, h.p.show(c.UserContext(), r, c.Query("done")))
}

func (h *VisitPageHandler) confirm(c *fiber.Ctx) error {
	return sendPage(c, h.p.confirm(c.UserContext(), pageRequestOf(c)))
}

func (h *VisitPageHandler) cancel(c *fiber.Ctx) error {
	return sendPage(c, h.p.cancel(c.UserContext(), pageRequestOf(c), c.FormValue("reason"), c.FormValue("details")))
}

func (h *VisitPageHandler) reschedule(c *fiber.Ctx) error {
	return sendPage(c, h.p.move(c.UserContext(), pageRequestOf(c), c.FormValue("start")))
}

// sendPage writes a page answer through the kit, which sets its CSP and keeps it out
// of caches: it shows a patient's visit.
func sendPage(c *fiber.Ctx, a patientpage.Answer) error {
	return visitPage.Send(pageWriter{c}, a)
}

// pageWriter lets the kit, which imports no fiber, write into a fiber response.
type pageWriter struct{ c *fiber.Ctx }

func (w pageWriter) Header(key, value string) { w.c.Set(key, value) }

func (w pageWriter) Write(status int, body []byte) error { return w.c.Status(status).Send(body) }
