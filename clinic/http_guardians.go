package clinic

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// guardianIn names a patient's guardian.
type guardianIn struct {
	GuardianID string `json:"guardian_id" validate:"required,uuid"`
	Relation   string `json:"relation" validate:"omitempty,oneof=mother father guardian"`
}

func (h *Handler) addGuardian(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrPatientNotFound)
	if err != nil {
		return err
	}
	var in guardianIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	if err := h.s.AddGuardian(httpjson.Ctx(c), id, in.GuardianID, in.Relation); err != nil {
		return err
	}
	return httpjson.Created(c, fiber.Map{"patient_id": id, "guardian_id": in.GuardianID, "relation": in.Relation})
}

func (h *Handler) removeGuardian(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrPatientNotFound)
	if err != nil {
		return err
	}
	guardian, err := httpjson.ID(c, "guardian_id", ErrNotGuardian)
	if err != nil {
		return err
	}
	if err := h.s.RemoveGuardian(httpjson.Ctx(c), id, guardian); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
