package messaging

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// historyOut is one message of a patient's contact history.
type historyOut struct {
	ID            string  `json:"id"`
	Direction     string  `json:"direction"`
	Medium        string  `json:"medium"`
	Address       string  `json:"address"`
	Body          string  `json:"body"`
	Status        string  `json:"status"`
	Segments      int     `json:"segments"`
	Template      string  `json:"template"`
	At            string  `json:"at"`
	AppointmentID *string `json:"appointment_id"`
}

func (h *Handler) patientMessages(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrPatientNotFound)
	if err != nil {
		return err
	}
	limit, err := httpjson.PageLimit(c.Query("limit"))
	if err != nil {
		return err
	}
	page, err := h.s.History(httpjson.Ctx(c), id, c.Query("cursor"), limit)
	if err != nil {
		return err
	}
	items := make([]historyOut, 0, len(page.Items))
	for _, m := range page.Items {
		items = append(items, historyOut{ID: m.ID, Direction: m.Direction, Medium: m.Medium, Address: m.Address,
			Body: m.Body, Status: m.Status, Segments: m.Segments, Template: m.Template, At: stamp(m.At),
			AppointmentID: m.AppointmentID})
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": page.Next})
}

// sendIn is a message staff send a patient: a template with data, or a text.
type sendIn struct {
	Medium   string         `json:"medium" validate:"omitempty,oneof=sms whatsapp email"`
	Template string         `json:"template" validate:"omitempty,max=100"`
	Data     map[string]any `json:"data" text:"free"`
	Text     string         `json:"text" validate:"omitempty,max=1600" text:"free"`
}

func (h *Handler) sendToPatient(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrPatientNotFound)
	if err != nil {
		return err
	}
	var in sendIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	row, err := h.s.SendToPatient(httpjson.Ctx(c), id, StaffMessage(in))
	if err != nil {
		return err
	}
	return httpjson.Created(c, toMessageOut(row))
}
