package clinic

import (
	"github.com/gofiber/fiber/v2"
)

// Handler is the clinic directory's staff API.
type Handler struct {
	s *Service
}

// NewHandler returns the HTTP side of s.
func NewHandler(s *Service) *Handler {
	return &Handler{s: s}
}

// Routes mounts the directory's routes with full paths; the router enforces the policy table.
func (h *Handler) Routes(r fiber.Router) {
}
