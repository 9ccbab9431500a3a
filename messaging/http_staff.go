package messaging

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// taskOut is one task as the front desk sees it.
type taskOut struct {
	ID          string           `json:"id"`
	Kind        string           `json:"kind"`
	Text        string           `json:"text"`
	Status      string           `json:"status"`
	CreatedAt   string           `json:"created_at"`
	DoneAt      *string          `json:"done_at"`
	BranchID    *string          `json:"branch_id"`
	InboundID   *string          `json:"inbound_id"`
	OutboxID    *string          `json:"outbox_id"`
	Patient     *taskPatient     `json:"patient"`
	Appointment *taskAppointment `json:"appointment"`
}

type taskPatient struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Phone string `json:"phone"`
}

type taskAppointment struct {
	ID       string `json:"id"`
	StartsAt string `json:"starts_at"`
	Status   string `json:"status"`
}

func toTaskOut(t Task) taskOut {
	out := taskOut{ID: t.ID, Kind: t.Kind, Text: t.Text, Status: t.Status, CreatedAt: stamp(t.CreatedAt),
		DoneAt: stampPtr(t.DoneAt), BranchID: t.BranchID, InboundID: t.InboundID, OutboxID: t.OutboxID}
	if t.PatientID != nil {
		out.Patient = &taskPatient{ID: *t.PatientID, Name: deref(t.PatientName), Phone: deref(t.PatientPhone)}
	}
	if t.AppointmentID != nil && t.AppointmentStart != nil {
		out.Appointment = &taskAppointment{ID: *t.AppointmentID, StartsAt: stamp(*t.AppointmentStart),
			Status: deref(t.AppointmentStatus)}
	}
	return out
}

func stampPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := stamp(*t)
	return &s
}

// pageLimit reads ?limit= (1–200, default 50).
func pageLimit(c *fiber.Ctx) (int, error) {
	s := c.Query("limit")
	if s == "" {
		return 50, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 200 {
		return 0, fault.Field("limit", "range", "must be an integer from 1 to 200")
	}
	return n, nil
}

func (h *Handler) listTasks(c *fiber.Ctx) error {
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	page, err := h.s.Tasks(httpjson.Ctx(c), TaskFilter{Status: c.Query("status"), Kind: c.Query("kind"),
		Limit: limit, Cursor: c.Query("cursor")})
	if err != nil {
		return err
	}
	items := make([]taskOut, 0, len(page.Items))
	for _, t := range page.Items {
		items = append(items, toTaskOut(t))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": page.Next})
}

func (h *Handler) doneTask(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrTaskNotFound)
	if err != nil {
		return err
	}
	t, err := h.s.DoneTask(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(toTaskOut(t))
}

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
	limit, err := pageLimit(c)
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
	Data     map[string]any `json:"data"`
	Text     string         `json:"text" validate:"omitempty,max=1600"`
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

// shortLink sends a patient from /l/{code} on to the long link.
func (h *Handler) shortLink(c *fiber.Ctx) error {
	long, err := h.s.Expand(httpjson.Ctx(c), c.Params("code"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Redirect(long, fiber.StatusFound)
}
