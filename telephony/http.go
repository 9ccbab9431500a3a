package telephony

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is telephony's HTTP face: the providers' webhooks (public, each proving
// itself by the line's token and the provider's signature) and the desk's routes.
type Handler struct {
	s *Service
	// publicURL is where providers reach us; Twilio signs the full URL.
	publicURL string
}

// NewHandler returns telephony's routes over s; publicURL is the server's public address.
func NewHandler(s *Service, publicURL string) *Handler {
	return &Handler{s: s, publicURL: publicURL}
}

// Routes mounts the webhooks of every provider, the PBX lookup and the desk's routes
// (roles: api/policy.go).
func (h *Handler) Routes(r fiber.Router) {
	r.Post("/api/v1/telephony/:token/events", h.generic)
	r.Get("/api/v1/telephony/:token/lookup", h.lookup)
	r.Get("/api/v1/telephony/:token/zadarma", h.zadarmaEcho)
	r.Post("/api/v1/telephony/:token/zadarma", h.zadarma)
	r.Post("/api/v1/telephony/:token/mango/events/:kind", h.mango)
	r.Post("/api/v1/telephony/:token/twilio/:kind", h.twilio)
	h.deskRoutes(r)
}

// line finds the line a webhook names by its token and checks it is provider's.
func (h *Handler) line(c *fiber.Ctx, provider string) (Line, error) {
	l, err := h.s.LineByToken(httpjson.Ctx(c), c.Params("token"), c.IP())
	if err != nil {
		return Line{}, err
	}
	if l.Provider != provider {
		return Line{}, ErrWrongLine
	}
	return l, nil
}
