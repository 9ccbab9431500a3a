package schedule

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// branchRoutes mounts closures and booking rules.
func (h *Handler) branchRoutes(r fiber.Router) {
	r.Get("/api/v1/branches/:id/closures", h.closures)
	r.Post("/api/v1/branches/:id/closures", h.addClosure)
	r.Delete("/api/v1/branches/:id/closures/:closure_id", h.deleteClosure)
	h.openDayRoutes(r)
	r.Get("/api/v1/branches/:id/booking-rules", h.branchRules)
	r.Put("/api/v1/branches/:id/booking-rules", h.setBranchRules)
	r.Get("/api/v1/services/:id/booking-rules", h.serviceRules)
	r.Put("/api/v1/services/:id/booking-rules", h.setServiceRules)
}

type closureBody struct {
	Date   string `json:"date" validate:"required,datetime=2006-01-02"`
	Reason string `json:"reason" validate:"max=500" text:"free"`
}

// closureView is a closed day; a holiday has no id and no created_at (nobody made it).
type closureView struct {
	ID        string  `json:"id"`
	BranchID  string  `json:"branch_id"`
	Date      string  `json:"date"`
	Reason    string  `json:"reason"`
	Source    string  `json:"source"`
	CreatedAt *string `json:"created_at"`
}

func newClosureView(c Closure) closureView {
	v := closureView{ID: c.ID, BranchID: c.BranchID, Date: c.Date, Reason: c.Reason, Source: c.Source}
	if !c.CreatedAt.IsZero() {
		at := utcStamp(c.CreatedAt)
		v.CreatedAt = &at
	}
	return v
}

func (h *Handler) closures(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	from := c.Query("from")
	if _, ok := parseCivil(from); from != "" && !ok {
		return fault.Field("from", "date", "must be a date YYYY-MM-DD")
	}
	list, err := h.s.Closures(httpjson.Ctx(c), id, from)
	if err != nil {
		return err
	}
	out := make([]closureView, len(list))
	for i, cl := range list {
		out[i] = newClosureView(cl)
	}
	return c.JSON(fiber.Map{"items": out})
}

func (h *Handler) addClosure(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	var b closureBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	cl, err := h.s.AddClosure(httpjson.Ctx(c), id, b.Date, b.Reason)
	if err != nil {
		return err
	}
	return httpjson.Created(c, newClosureView(cl))
}

func (h *Handler) deleteClosure(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	closureID, err := httpjson.ID(c, "closure_id", ErrClosureMissing)
	if err != nil {
		return err
	}
	if err := h.s.DeleteClosure(httpjson.Ctx(c), id, closureID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// branchRulesBody sets every rule at once; pointers tell a missing rule from a zero.
type branchRulesBody struct {
	StepMinutes         *int `json:"slot_step_minutes" validate:"required"`
	MinNoticeMinutes    *int `json:"min_notice_minutes" validate:"required"`
	HorizonDays         *int `json:"horizon_days" validate:"required"`
	BufferMinutes       *int `json:"buffer_minutes" validate:"required"`
	ChangeWindowMinutes *int `json:"change_window_minutes" validate:"required"`
	HoldMinutes         *int `json:"hold_minutes" validate:"required"`
}

type branchRulesView struct {
	BranchID            string `json:"branch_id"`
	StepMinutes         int    `json:"slot_step_minutes"`
	MinNoticeMinutes    int    `json:"min_notice_minutes"`
	HorizonDays         int    `json:"horizon_days"`
	BufferMinutes       int    `json:"buffer_minutes"`
	ChangeWindowMinutes int    `json:"change_window_minutes"`
	HoldMinutes         int    `json:"hold_minutes"`
}

func newBranchRulesView(branchID string, m RuleMinutes) branchRulesView {
	return branchRulesView{BranchID: branchID, StepMinutes: m.StepMinutes, MinNoticeMinutes: m.MinNoticeMinutes,
		HorizonDays: m.HorizonDays, BufferMinutes: m.BufferMinutes, ChangeWindowMinutes: m.ChangeWindowMinutes,
		HoldMinutes: m.HoldMinutes}
}

func (h *Handler) branchRules(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	m, err := h.s.BranchRules(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(newBranchRulesView(id, m))
}

func (h *Handler) setBranchRules(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	var b branchRulesBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	m, err := h.s.SetBranchRules(httpjson.Ctx(c), id, RuleMinutes{StepMinutes: *b.StepMinutes,
		MinNoticeMinutes: *b.MinNoticeMinutes, HorizonDays: *b.HorizonDays, BufferMinutes: *b.BufferMinutes,
		ChangeWindowMinutes: *b.ChangeWindowMinutes, HoldMinutes: *b.HoldMinutes})
	if err != nil {
		return err
	}
	return c.JSON(newBranchRulesView(id, m))
}

// serviceRulesBody replaces a service's overrides; an absent or null rule inherits
// the branch's.
type serviceRulesBody struct {
	StepMinutes         *int `json:"slot_step_minutes"`
	MinNoticeMinutes    *int `json:"min_notice_minutes"`
	HorizonDays         *int `json:"horizon_days"`
	BufferMinutes       *int `json:"buffer_minutes"`
	ChangeWindowMinutes *int `json:"change_window_minutes"`
}

type serviceRulesView struct {
	ServiceID           string `json:"service_id"`
	StepMinutes         *int   `json:"slot_step_minutes"`
	MinNoticeMinutes    *int   `json:"min_notice_minutes"`
	HorizonDays         *int   `json:"horizon_days"`
	BufferMinutes       *int   `json:"buffer_minutes"`
	ChangeWindowMinutes *int   `json:"change_window_minutes"`
}

func newServiceRulesView(serviceID string, o RuleOverrides) serviceRulesView {
	return serviceRulesView{ServiceID: serviceID, StepMinutes: o.StepMinutes, MinNoticeMinutes: o.MinNoticeMinutes,
		HorizonDays: o.HorizonDays, BufferMinutes: o.BufferMinutes, ChangeWindowMinutes: o.ChangeWindowMinutes}
}

func (h *Handler) serviceRules(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrServiceNotFound)
	if err != nil {
		return err
	}
	o, err := h.s.ServiceRules(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(newServiceRulesView(id, o))
}

func (h *Handler) setServiceRules(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrServiceNotFound)
	if err != nil {
		return err
	}
	var b serviceRulesBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	o, err := h.s.SetServiceRules(httpjson.Ctx(c), id, RuleOverrides(b))
	if err != nil {
		return err
	}
	return c.JSON(newServiceRulesView(id, o))
}
