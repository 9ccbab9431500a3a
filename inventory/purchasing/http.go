package purchasing

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is purchasing's HTTP face (roles: api/policy.go).
type Handler struct{ s *Service }

// NewHandler returns purchasing's routes over s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Routes mounts the suggestion and the orders' routes.
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/inventory/suggested-orders", h.suggest)
	r.Get("/api/v1/purchase-orders", h.list)
	r.Post("/api/v1/purchase-orders", h.create)
	r.Get("/api/v1/purchase-orders/:id", h.get)
	r.Put("/api/v1/purchase-orders/:id", h.edit)
	r.Post("/api/v1/purchase-orders/:id/send", h.send)
	r.Post("/api/v1/purchase-orders/:id/cancel", h.cancel)
	r.Get("/api/v1/purchase-orders/:id/pdf", h.pdf)
	r.Post("/api/v1/purchase-orders/:id/receipts", h.receive)
}

func (h *Handler) suggest(c *fiber.Ctx) error {
	b, err := uuidParam(c.Query("branch_id"), "branch_id", true)
	if err != nil {
		return err
	}
	sg, err := h.s.Suggest(httpjson.Ctx(c), b)
	if err != nil {
		return err
	}
	return c.JSON(sg)
}

func (h *Handler) list(c *fiber.Ctx) error {
	b, err := uuidParam(c.Query("branch_id"), "branch_id", false)
	if err != nil {
		return err
	}
	f := Filter{BranchID: b, Status: c.Query("status"), Cursor: c.Query("cursor")}
	if err := httpjson.Validate(struct {
		Status string `query:"status" validate:"omitempty,oneof=draft sent partly_received received cancelled"`
	}{f.Status}); err != nil {
		return err
	}
	if f.Limit, err = httpjson.PageLimit(c.Query("limit")); err != nil {
		return err
	}
	page, err := h.s.Orders(httpjson.Ctx(c), f)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": page.Items, "next_cursor": page.Next})
}

// uuidParam reads an id from the query; "" is refused only when required.
func uuidParam(value, name string, required bool) (string, error) {
	if value == "" && required {
		return "", fault.Field(name, "required", "is required")
	}
	if value == "" {
		return "", nil
	}
	if err := httpjson.Validate(struct {
		ID string `validate:"uuid"`
	}{value}); err != nil {
		return "", fault.Field(name, "uuid", "must be an id (UUID)")
	}
	return value, nil
}

func (h *Handler) get(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrOrderNotFound)
	if err != nil {
		return err
	}
	o, err := h.s.Order(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(o)
}

func (h *Handler) pdf(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrOrderNotFound)
	if err != nil {
		return err
	}
	body, name, err := h.s.PDF(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="`+name+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(body)
}
