package selfservice

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
	"github.com/frontdeskhq/frontdesk/visit"
)

// visitOut is the manage-visit page's data: no patient details, times in the
// branch's offset, and what the patient may still do online.
type visitOut struct {
	ID             string       `json:"id"`
	Status         visit.Status `json:"status"`
	Start          time.Time    `json:"start"`
	End            time.Time    `json:"end"`
	Service        named        `json:"service"`
	Doctor         doctorRef    `json:"doctor"`
	Branch         branchRef    `json:"branch"`
	CanConfirm     bool         `json:"can_confirm"`
	CanChange      bool         `json:"can_change"`
	ChangeDeadline time.Time    `json:"change_deadline"`
}

type named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type doctorRef struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
}

type branchRef struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Address  string `json:"address"`
	Phone    string `json:"phone"`
	TimeZone string `json:"time_zone"`
}

func toVisitOut(v Visit) visitOut {
	a := v.Appointment
	return visitOut{ID: a.ID, Status: a.Status, Start: a.Start.In(v.Loc), End: a.End.In(v.Loc),
		Service: named{ID: a.ServiceID, Name: v.Service}, Doctor: doctorRef{ID: v.Doctor.ID, DisplayName: v.Doctor.DisplayName},
		Branch: branchRef{ID: v.Branch.ID, Name: v.Branch.Name, Address: v.Branch.Address, Phone: v.Branch.Phone,
			TimeZone: v.Branch.TimeZone},
		CanConfirm: v.CanConfirm, CanChange: v.CanChange, ChangeDeadline: v.ChangeDeadline.In(v.Loc)}
}

// answerVisit writes the visit, or the error when there is one.
func answerVisit(c *fiber.Ctx, v Visit, err error) error {
	if err != nil {
		return err
	}
	return c.JSON(toVisitOut(v))
}

func (h *PublicHandler) visit(c *fiber.Ctx) error {
	v, err := h.ss.OpenVisit(c.UserContext(), c.Params("token"))
	return answerVisit(c, v, err)
}

func (h *PublicHandler) confirm(c *fiber.Ctx) error {
	v, err := h.ss.ConfirmVisit(c.UserContext(), c.Params("token"))
	return answerVisit(c, v, err)
}

type cancelBody struct {
	Reason string `json:"reason" validate:"required,max=500" text:"free"`
}

func (h *PublicHandler) cancel(c *fiber.Ctx) error {
	var b cancelBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	v, err := h.ss.CancelVisit(c.UserContext(), c.Params("token"), b.Reason)
	return answerVisit(c, v, err)
}

type visitMoveBody struct {
	Start httpjson.Instant `json:"start" validate:"required"`
}

func (h *PublicHandler) reschedule(c *fiber.Ctx) error {
	var b visitMoveBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	v, err := h.ss.RescheduleVisit(c.UserContext(), c.Params("token"), b.Start.Time)
	return answerVisit(c, v, err)
}
