package inventory

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

func (h *Handler) placeRoutes(r fiber.Router) {
	r.Get("/api/v1/inventory/locations", h.locations)
	r.Post("/api/v1/inventory/locations", h.createLocation)
	r.Get("/api/v1/inventory/stock", h.stock)
	r.Get("/api/v1/inventory/expiring", h.expiring)
	r.Get("/api/v1/inventory/lots/:id/patients", h.lotPatients)
	r.Get("/api/v1/inventory/boards", h.responsibles)
	r.Put("/api/v1/inventory/boards", h.setResponsible)
}

// locationIn is a place in a branch's tree.
type locationIn struct {
	BranchID        string  `json:"branch_id" validate:"required,uuid"`
	ParentID        *string `json:"parent_id" validate:"omitempty,uuid"`
	Name            string  `json:"name" validate:"required,max=200"`
	Kind            string  `json:"kind" validate:"required,oneof=storage shelf operatory reception other"`
	ChairID         *string `json:"chair_id" validate:"omitempty,uuid"`
	ClinicalDefault bool    `json:"clinical_default"`
}

func (h *Handler) locations(c *fiber.Ctx) error {
	b, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	out, err := h.s.Locations(httpjson.Ctx(c), b)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": out})
}

func (h *Handler) createLocation(c *fiber.Ctx) error {
	var in locationIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	if _, err := httpjson.Branch(c, in.BranchID, "branch_id"); err != nil {
		return err
	}
	l, err := h.s.CreateLocation(httpjson.Ctx(c), Location{BranchID: in.BranchID, ParentID: in.ParentID, Name: in.Name,
		Kind: in.Kind, ChairID: in.ChairID, ClinicalDefault: in.ClinicalDefault})
	if err != nil {
		return err
	}
	return httpjson.Created(c, l)
}

func (h *Handler) stock(c *fiber.Ctx) error {
	b, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	loc, err := httpjson.OptionalUUID(c, "location_id")
	if err != nil {
		return err
	}
	item, err := httpjson.OptionalUUID(c, "item_id")
	if err != nil {
		return err
	}
	rows, err := h.s.Stock(httpjson.Ctx(c), b, loc, item)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": rows})
}

// withinDays reads "30d" or "30": 0 to 366 days, 30 when absent.
func withinDays(v string) (int, error) {
	if v == "" {
		return 30, nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v, "d"))
	if err != nil || n < 0 || n > 366 {
		return 0, fault.Field("within", "range", "must be days from 0 to 366, like 30d")
	}
	return n, nil
}

func (h *Handler) expiring(c *fiber.Ctx) error {
	b, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	days, err := withinDays(c.Query("within"))
	if err != nil {
		return err
	}
	rows, err := h.s.Expiring(httpjson.Ctx(c), b, days)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": rows})
}

func (h *Handler) lotPatients(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrLotNotFound)
	if err != nil {
		return err
	}
	lot, uses, err := h.s.LotPatients(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"lot": lot, "items": uses})
}

func (h *Handler) summary(c *fiber.Ctx) error {
	b, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	board := c.Query("board")
	if err := httpjson.Validate(struct {
		Board string `json:"board" validate:"required,oneof=front_desk head_nurse"`
	}{board}); err != nil {
		return err
	}
	sm, err := h.s.Summary(httpjson.Ctx(c), b, board)
	if err != nil {
		return err
	}
	return c.JSON(sm)
}

func (h *Handler) responsibles(c *fiber.Ctx) error {
	b, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	out, err := h.s.Responsibles(httpjson.Ctx(c), b)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": out})
}

// responsibleIn names who gets a board's daily digest in a branch.
type responsibleIn struct {
	BranchID string `json:"branch_id" validate:"required,uuid"`
	Board    string `json:"board" validate:"required,oneof=front_desk head_nurse"`
	StaffID  string `json:"staff_id" validate:"required,uuid"`
}

func (h *Handler) setResponsible(c *fiber.Ctx) error {
	var in responsibleIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	if _, err := httpjson.Branch(c, in.BranchID, "branch_id"); err != nil {
		return err
	}
	out, err := h.s.SetResponsible(httpjson.Ctx(c), in.BranchID, in.Board, in.StaffID)
	if err != nil {
		return err
	}
	return c.JSON(out)
}
