package reminders

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler serves a branch's reminder rules.
type Handler struct{ s *Service }

// NewHandler returns the reminder rules API over s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Routes mounts GET and PUT /api/v1/branches/{id}/reminder-rules and
// /api/v1/branches/{id}/booking-confirmations.
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/branches/:id/reminder-rules", h.get)
	r.Put("/api/v1/branches/:id/reminder-rules", h.put)
	r.Get("/api/v1/branches/:id/booking-confirmations", h.confirmations)
	r.Put("/api/v1/branches/:id/booking-confirmations", h.setConfirmations)
}

func (h *Handler) get(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	st, err := h.s.Settings(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(view(st))
}

func (h *Handler) put(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	var in Settings
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	st, err := h.s.SetSettings(httpjson.Ctx(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(view(st))
}

// view answers an empty rule list as [] rather than null.
func view(st Settings) Settings {
	if st.Rules == nil {
		st.Rules = []Rule{}
	}
	return st
}
