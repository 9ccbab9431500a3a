package messaging

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is the outbox's HTTP side: the demo-only view of what was sent.
type Handler struct{ s *Service }

// NewHandler returns the messaging HTTP API over s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Routes mounts the dev outbox (demo mode only), a patient's contact history, the
// branches' channels and the short links (roles: api/policy.go).
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/dev/outbox", h.list)
	r.Get("/api/v1/patients/:id/messages", h.patientMessages)
	r.Post("/api/v1/patients/:id/messages", h.sendToPatient)
	r.Get("/api/v1/branches/:id/channels", h.getChannels)
	r.Put("/api/v1/branches/:id/channels", h.putChannels)
	r.Get("/l/:code", h.shortLink)
}

// messageOut is one outbox row as the demo shows it.
type messageOut struct {
	ID            string  `json:"id"`
	DedupeKey     string  `json:"dedupe_key"`
	Channel       string  `json:"channel"`
	Recipient     string  `json:"recipient"`
	PatientID     *string `json:"patient_id"`
	AppointmentID *string `json:"appointment_id"`
	Locale        string  `json:"locale"`
	BranchID      *string `json:"branch_id"`
	ExpectsReply  bool    `json:"expects_reply"`
	Template      string  `json:"template"`
	Body          string  `json:"body"`
	Segments      int     `json:"segments"`
	Encoding      string  `json:"encoding"`
	Status        string  `json:"status"`
	Attempts      int     `json:"attempts"`
	NotBefore     string  `json:"not_before"`
	CreatedAt     string  `json:"created_at"`
	SentAt        *string `json:"sent_at"`
}

func toMessageOut(r Row) messageOut {
	out := messageOut{ID: r.ID, DedupeKey: r.DedupeKey, Channel: r.Channel, Recipient: r.Recipient,
		PatientID: r.PatientID, AppointmentID: r.AppointmentID, Locale: r.Locale, BranchID: r.BranchID, ExpectsReply: r.ExpectsReply, Template: r.Template,
		Body: r.Body, Segments: r.Segments, Status: string(r.Status), Attempts: r.Attempts,
		NotBefore: stamp(r.NotBefore), CreatedAt: stamp(r.CreatedAt)}
	_, enc := Segments(r.Body)
	out.Encoding = string(enc)
	if r.SentAt != nil {
		s := stamp(*r.SentAt)
		out.SentAt = &s
	}
	return out
}

func (h *Handler) list(c *fiber.Ctx) error {
	limit, err := httpjson.PageLimit(c.Query("limit"))
	if err != nil {
		return err
	}
	rows, err := h.s.Recent(httpjson.Ctx(c), Filter{Recipient: c.Query("recipient"), Limit: limit})
	if err != nil {
		return err
	}
	items := make([]messageOut, 0, len(rows))
	for _, r := range rows {
		items = append(items, toMessageOut(r))
	}
	return c.JSON(fiber.Map{"items": items})
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
