package inventory

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

func (h *Handler) materialRoutes(r fiber.Router) {
	r.Get("/api/v1/inventory/services/:id/materials", h.materials)
	r.Put("/api/v1/inventory/services/:id/materials", h.setMaterials)
	r.Get("/api/v1/inventory/services/:id/doctors/:doctor_id/materials", h.materials)
	r.Put("/api/v1/inventory/services/:id/doctors/:doctor_id/materials", h.setMaterials)
	r.Get("/api/v1/inventory/visits/:id/materials", h.visitMaterials)
	r.Put("/api/v1/inventory/visits/:id/materials", h.recordActual)
}

// materialsIn is a whole bill of materials.
type materialsIn struct {
	Materials []struct {
		ItemID   string `json:"item_id" validate:"required,uuid"`
		Quantity int64  `json:"quantity" validate:"min=0,max=1000000"`
	} `json:"materials" validate:"required,max=100,dive"`
}

// bomKey reads the service and, for a doctor's own list, the doctor from the path.
func bomKey(c *fiber.Ctx) (string, *string, error) {
	service, err := httpjson.ID(c, "id", ErrServiceNotFound)
	if err != nil || c.Params("doctor_id") == "" {
		return service, nil, err
	}
	doctor, err := httpjson.ID(c, "doctor_id", ErrServiceNotFound)
	return service, &doctor, err
}

func (h *Handler) materials(c *fiber.Ctx) error {
	service, doctor, err := bomKey(c)
	if err != nil {
		return err
	}
	out, err := h.s.Materials(httpjson.Ctx(c), service, doctor)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"materials": out})
}

func (h *Handler) setMaterials(c *fiber.Ctx) error {
	service, doctor, err := bomKey(c)
	if err != nil {
		return err
	}
	var in materialsIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	list := make([]Material, 0, len(in.Materials))
	for _, m := range in.Materials {
		list = append(list, Material{ItemID: m.ItemID, Quantity: m.Quantity})
	}
	out, err := h.s.SetMaterials(httpjson.Ctx(c), service, doctor, list)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"materials": out})
}

func (h *Handler) visitMaterials(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrVisitNotFound)
	if err != nil {
		return err
	}
	out, err := h.s.VisitMaterials(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": out})
}

// actualIn is what a visit really used of some items.
type actualIn struct {
	Items []struct {
		ItemID       string `json:"item_id" validate:"required,uuid"`
		Quantity     int64  `json:"quantity" validate:"min=0,max=1000000"`
		LotID        string `json:"lot_id" validate:"omitempty,uuid"`
		AllowExpired bool   `json:"allow_expired"`
	} `json:"items" validate:"required,min=1,max=100,dive"`
}

func (h *Handler) recordActual(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrVisitNotFound)
	if err != nil {
		return err
	}
	var in actualIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	list := make([]Actual, 0, len(in.Items))
	for _, a := range in.Items {
		list = append(list, Actual(a))
	}
	out, err := h.s.RecordActual(httpjson.Ctx(c), id, list)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": out})
}
