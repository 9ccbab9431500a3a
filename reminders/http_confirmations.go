package reminders

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// confirmationsBody sets every source at once; pointers tell a missing one from false.
type confirmationsBody struct {
	Admin     *bool `json:"admin" validate:"required"`
	Phone     *bool `json:"phone" validate:"required"`
	DoctorApp *bool `json:"doctor_app" validate:"required"`
	WalkIn    *bool `json:"walk_in" validate:"required"`
}

func (h *Handler) confirmations(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	out, err := h.s.Confirmations(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (h *Handler) setConfirmations(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	var b confirmationsBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	out, err := h.s.SetConfirmations(httpjson.Ctx(c), id, Confirmations{Admin: *b.Admin, Phone: *b.Phone,
		DoctorApp: *b.DoctorApp, WalkIn: *b.WalkIn})
	if err != nil {
		return err
	}
	return c.JSON(out)
}
