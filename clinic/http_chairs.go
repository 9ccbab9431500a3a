package clinic

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

func (h *Handler) chairRoutes(r fiber.Router) {
	r.Get("/api/v1/chairs", h.listChairs)
	r.Post("/api/v1/chairs", h.createChair)
	r.Get("/api/v1/chairs/:id", h.getChair)
	r.Patch("/api/v1/chairs/:id", h.updateChair)
	r.Post("/api/v1/chairs/:id/deactivate", h.deactivateChair)
}

type chairCreate struct {
	BranchID     string   `json:"branch_id" validate:"required,max=36,uuid"`
	Name         string   `json:"name" validate:"required,max=100"`
	Capabilities []string `json:"capabilities" validate:"max=20,dive,max=32"`
}

type chairPatch struct {
	Name         *string   `json:"name" validate:"omitnil,max=100"`
	Capabilities *[]string `json:"capabilities" validate:"omitnil,max=20,dive,max=32"`
}

type chairOut struct {
	ID           string   `json:"id"`
	BranchID     string   `json:"branch_id"`
	Name         string   `json:"name"`
	Capabilities []string `json:"capabilities"`
	Active       bool     `json:"active"`
	CreatedAt    string   `json:"created_at"`
	UpdatedAt    string   `json:"updated_at"`
}

func toChairOut(ch Chair) chairOut {
	return chairOut{ID: ch.ID, BranchID: ch.BranchID, Name: ch.Name, Capabilities: orEmpty(ch.Capabilities),
		Active: ch.Active, CreatedAt: stamp(ch.CreatedAt), UpdatedAt: stamp(ch.UpdatedAt)}
}

func (h *Handler) listChairs(c *fiber.Ctx) error {
	q, err := parseList(c)
	if err != nil {
		return err
	}
	p, err := h.s.Chairs(httpjson.Ctx(c), ChairFilter{BranchID: q.BranchID, Active: q.Active, Cursor: q.Cursor, Limit: q.Limit})
	return answer(c, toPage(p, toChairOut), err)
}

func (h *Handler) createChair(c *fiber.Ctx) error {
	var in chairCreate
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	ch, err := h.s.CreateChair(httpjson.Ctx(c), ChairInput(in))
	if err != nil {
		return err
	}
	return httpjson.Created(c, toChairOut(ch))
}

func (h *Handler) getChair(c *fiber.Ctx) error {
	id, err := pathID(c, ErrChairNotFound)
	if err != nil {
		return err
	}
	ch, err := h.s.Chair(httpjson.Ctx(c), id)
	return answer(c, toChairOut(ch), err)
}

func (h *Handler) updateChair(c *fiber.Ctx) error {
	id, err := pathID(c, ErrChairNotFound)
	if err != nil {
		return err
	}
	var in chairPatch
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	ch, err := h.s.UpdateChair(httpjson.Ctx(c), id, ChairPatch(in))
	return answer(c, toChairOut(ch), err)
}

func (h *Handler) deactivateChair(c *fiber.Ctx) error {
	id, err := pathID(c, ErrChairNotFound)
	if err != nil {
		return err
	}
	ch, err := h.s.DeactivateChair(httpjson.Ctx(c), id)
	return answer(c, toChairOut(ch), err)
}
