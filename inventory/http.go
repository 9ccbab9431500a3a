package inventory

import (
	"encoding/base64"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is the inventory's JSON face: the catalogue, places, the ledger and its reads.
type Handler struct{ s *Service }

// NewHandler returns the inventory's routes over s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Routes mounts the inventory's routes (roles: api/policy.go).
func (h *Handler) Routes(r fiber.Router) {
	h.catalogueRoutes(r)
	h.placeRoutes(r)
	h.ledgerRoutes(r)
	h.materialRoutes(r)
	r.Get("/api/v1/inventory/summary", h.summary)
}

// encodeCursor is the position after an item of a list ordered by (name, id).
func encodeCursor(name, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(id + "|" + name))
}

// itemCursor reads an encodeCursor back; "" is the start of the list.
func itemCursor(c string) (name, id string, err error) {
	if c == "" {
		return "", "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", "", httpjson.ErrBadCursor
	}
	id, name, ok := strings.Cut(string(raw), "|")
	if !ok || uuid.Validate(id) != nil {
		return "", "", httpjson.ErrBadCursor
	}
	return name, id, nil
}
