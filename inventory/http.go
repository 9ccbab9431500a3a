package inventory

import (
	"encoding/base64"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
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

// errNoBranch answers a branch the caller may not see as if it did not exist.
var errNoBranch = fault.Field("branch_id", "not_found", "no branch you may see has this id")

// branchParam reads the branch a request names and checks the caller may see it.
func branchParam(c *fiber.Ctx, value, field string) (string, error) {
	if value == "" {
		return "", fault.Field(field, "required", "is required")
	}
	if err := httpjson.Validate(struct {
		ID string `validate:"uuid"`
	}{value}); err != nil {
		return "", fault.Field(field, "uuid", "must be a UUID")
	}
	if !actor.From(httpjson.Ctx(c)).CanSeeBranch(value) {
		return "", errNoBranch
	}
	return value, nil
}

// optionalUUID reads a query parameter that, when given, must be a UUID.
func optionalUUID(c *fiber.Ctx, name string) (string, error) {
	v := c.Query(name)
	if v == "" {
		return "", nil
	}
	if err := httpjson.Validate(struct {
		ID string `validate:"uuid"`
	}{v}); err != nil {
		return "", fault.Field(name, "uuid", "must be a UUID")
	}
	return v, nil
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
