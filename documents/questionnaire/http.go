package questionnaire

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
)

// maxBody bounds a posted questionnaire; the whole default form fits many times over.
const maxBody = 64 << 10

// Handler serves the staff API of questionnaires and the patient's page /q/{token}.
type Handler struct {
	s *Service
	p *pages
}

// NewHandler returns the handler over s; o keys the page's form nonces.
func NewHandler(s *Service, o PageOptions) *Handler { return &Handler{s: s, p: newPages(s, o)} }

// Routes mounts the staff routes and the page (public in api/policy.go, rate limited).
func (h *Handler) Routes(r fiber.Router) {
	r.Post("/api/v1/appointments/:id/questionnaire", h.createLink)
	r.Get("/api/v1/appointments/:id/medical-alerts", h.alerts)
	r.Get("/q/:token", h.show)
	r.Post("/q/:token", h.post)
}

type linkOut struct {
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expires_at"`
}

func (h *Handler) createLink(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrAppointmentNotFound)
	if err != nil {
		return err
	}
	l, err := h.s.CreateLink(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return httpjson.Created(c, linkOut(l))
}

type alertOut struct {
	Kind    string `json:"kind"`
	Code    string `json:"code"`
	Text    string `json:"text"`
	Changed bool   `json:"changed"`
}

type alertsOut struct {
	Alerts  []alertOut `json:"alerts"`
	Removed []alertOut `json:"removed"`
	Changed bool       `json:"changed"`
}

func (h *Handler) alerts(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrAppointmentNotFound)
	if err != nil {
		return err
	}
	ch, err := h.s.VisitAlerts(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	out := alertsOut{Alerts: alertsOf(ch.Current), Removed: alertsOf(ch.Removed), Changed: len(ch.Removed) > 0}
	for _, a := range ch.Current {
		out.Changed = out.Changed || a.Changed
	}
	return c.JSON(out)
}

func alertsOf(alerts []Alert) []alertOut {
	out := make([]alertOut, len(alerts))
	for i, a := range alerts {
		out[i] = alertOut(a)
	}
	return out
}

func (h *Handler) show(c *fiber.Ctx) error {
	return sendPage(c, h.p.show(c.UserContext(), c.Params("token"), c.Get(fiber.HeaderAcceptLanguage), c.Query("done")))
}

// post takes the form (form-encoded) or, from a JSON client, {"action", "answers"}.
func (h *Handler) post(c *fiber.Ctx) error {
	token, lang := c.Params("token"), c.Get(fiber.HeaderAcceptLanguage)
	if strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEApplicationJSON) {
		return h.postJSON(c, token)
	}
	if len(c.Body()) > maxBody {
		return sendPage(c, h.p.failure(c.UserContext(), lang, ErrTooLarge))
	}
	raw := Raw{}
	for k, v := range c.Request().PostArgs().All() {
		if id, ok := strings.CutPrefix(string(k), "q."); ok {
			raw[id] = append(raw[id], string(v))
		}
	}
	return sendPage(c, h.p.post(c.UserContext(), token, lang, c.FormValue("nonce"), c.FormValue("action"), raw))
}

type postIn struct {
	Action  string         `json:"action"`
	Answers map[string]any `json:"answers"`
}

type postOut struct {
	Status string `json:"status"`
}

// postJSON is the form for scripts and apps: problems come back as problem+json with
// each field named answers.<linkId> and its message in the patient's language. A JSON
// body cannot be posted across sites without CORS, so no nonce is asked.
func (h *Handler) postJSON(c *fiber.Ctx, token string) error {
	if len(c.Body()) > maxBody {
		return ErrTooLarge
	}
	var in postIn
	if err := json.Unmarshal(c.Body(), &in); err != nil {
		return fault.Field("answers", "json", "must be a JSON object of answers by linkId")
	}
	ctx := c.UserContext()
	f, err := h.s.Open(ctx, token)
	if err != nil {
		return err
	}
	raw := jsonRaw(in.Answers)
	var problems []Problem
	status := StatusSubmitted
	if in.Action == "save" {
		_, problems, err = h.s.SaveDraft(ctx, token, raw)
		status = StatusDraft
	} else {
		_, problems, err = h.s.Submit(ctx, token, raw)
	}
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return problemsError(problems, f.Locale)
	}
	return c.JSON(postOut{Status: status})
}

// problemsError is a 422 naming each refused answer, in the patient's language.
func problemsError(problems []Problem, locale string) error {
	e := &fault.Error{Kind: fault.Unprocessable, Code: "validation_failed", Detail: "some answers are not valid"}
	for _, p := range problems {
		e.Fields = append(e.Fields, fault.FieldError{Field: "answers." + p.LinkID, Code: p.Code, Message: p.Message(locale)})
	}
	return e
}

// jsonRaw turns JSON answers into form values: scalars as text, arrays value by value.
func jsonRaw(answers map[string]any) Raw {
	raw := Raw{}
	for k, v := range answers {
		list, ok := v.([]any)
		if !ok {
			list = []any{v}
		}
		for _, x := range list {
			raw[k] = append(raw[k], scalar(x))
		}
	}
	return raw
}

func scalar(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprintf("%v", v)
}

// sendPage writes a page answer through the kit, which sets its CSP and keeps it out
// of caches: it shows a patient's health answers.
func sendPage(c *fiber.Ctx, a patientpage.Answer) error {
	return formPage.Send(pageWriter{c}, a)
}

// pageWriter lets the kit, which imports no fiber, write into a fiber response.
type pageWriter struct{ c *fiber.Ctx }

func (w pageWriter) Header(key, value string) { w.c.Set(key, value) }

func (w pageWriter) Write(status int, body []byte) error { return w.c.Status(status).Send(body) }
