package schedule

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// openDayRoutes mounts the open days that override public holidays.
func (h *Handler) openDayRoutes(r fiber.Router) {
	r.Get("/api/v1/branches/:id/open-days", h.openDays)
	r.Post("/api/v1/branches/:id/open-days", h.addOpenDay)
	r.Delete("/api/v1/branches/:id/open-days/:open_day_id", h.deleteOpenDay)
}

type openDayView struct {
	ID        string `json:"id"`
	BranchID  string `json:"branch_id"`
	Date      string `json:"date"`
	Reason    string `json:"reason"`
	CreatedAt string `json:"created_at"`
}

func newOpenDayView(o OpenDay) openDayView {
	return openDayView{ID: o.ID, BranchID: o.BranchID, Date: o.Date, Reason: o.Reason, CreatedAt: utcStamp(o.CreatedAt)}
}

func (h *Handler) openDays(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	from := c.Query("from")
	if _, ok := parseCivil(from); from != "" && !ok {
		return fault.Field("from", "date", "must be a date YYYY-MM-DD")
	}
	list, err := h.s.OpenDays(httpjson.Ctx(c), id, from)
	if err != nil {
		return err
	}
	out := make([]openDayView, len(list))
	for i, o := range list {
		out[i] = newOpenDayView(o)
	}
	return c.JSON(fiber.Map{"items": out})
}

func (h *Handler) addOpenDay(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	var b closureBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	o, err := h.s.AddOpenDay(httpjson.Ctx(c), id, b.Date, b.Reason)
	if err != nil {
		return err
	}
	return httpjson.Created(c, newOpenDayView(o))
}

func (h *Handler) deleteOpenDay(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	openDayID, err := httpjson.ID(c, "open_day_id", ErrOpenDayMissing)
	if err != nil {
		return err
	}
	if err := h.s.DeleteOpenDay(httpjson.Ctx(c), id, openDayID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
