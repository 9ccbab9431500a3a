package schedule

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is the API of schedules, exceptions, closures, booking rules and
// availability (staff and public).
type Handler struct{ s *Service }

// NewHandler returns the HTTP side of s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Routes mounts the routes with full paths; the router enforces api/policy.go and the
// service narrows doctors to their own schedule.
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/doctors/:id/schedule", h.schedule)
	r.Put("/api/v1/doctors/:id/schedule", h.replaceSchedule)
	r.Get("/api/v1/doctors/:id/exceptions", h.exceptions)
	r.Post("/api/v1/doctors/:id/exceptions", h.addException)
	r.Delete("/api/v1/doctors/:id/exceptions/:exception_id", h.deleteException)
	h.branchRoutes(r)
	r.Get("/api/v1/availability", h.staffAvailability)
	r.Get("/api/v1/public/availability", h.publicAvailability)
}

type intervalBody struct {
	Weekday   int    `json:"weekday" validate:"required,min=1,max=7"`
	Start     string `json:"start" validate:"required,max=5"`
	End       string `json:"end" validate:"required,max=5"`
	BranchID  string `json:"branch_id" validate:"required,uuid"`
	ChairID   string `json:"chair_id" validate:"omitempty,uuid"`
	ValidFrom string `json:"valid_from" validate:"required,max=10"`
	ValidTo   string `json:"valid_to" validate:"omitempty,max=10"`
}

type scheduleBody struct {
	Intervals []intervalBody `json:"intervals" validate:"required,max=100,dive"`
}

type intervalView struct {
	ID        string  `json:"id"`
	Weekday   int     `json:"weekday"`
	Start     string  `json:"start"`
	End       string  `json:"end"`
	BranchID  string  `json:"branch_id"`
	ChairID   *string `json:"chair_id"`
	ValidFrom string  `json:"valid_from"`
	ValidTo   *string `json:"valid_to"`
}

type scheduleView struct {
	DoctorID  string         `json:"doctor_id"`
	Intervals []intervalView `json:"intervals"`
}

func newScheduleView(doctorID string, rows []TemplateInterval) scheduleView {
	v := scheduleView{DoctorID: doctorID, Intervals: make([]intervalView, len(rows))}
	for i, r := range rows {
		v.Intervals[i] = intervalView{ID: r.ID, Weekday: r.Weekday, Start: FormatClock(r.StartMinute),
			End: FormatClock(r.EndMinute), BranchID: r.BranchID, ChairID: r.ChairID, ValidFrom: r.ValidFrom, ValidTo: r.ValidTo}
	}
	return v
}

func (h *Handler) schedule(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrDoctorNotFound)
	if err != nil {
		return err
	}
	rows, err := h.s.Schedule(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(newScheduleView(id, rows))
}

func (h *Handler) replaceSchedule(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrDoctorNotFound)
	if err != nil {
		return err
	}
	var body scheduleBody
	if err := httpjson.Decode(c, &body); err != nil {
		return err
	}
	in := make([]TemplateInput, len(body.Intervals))
	for i, b := range body.Intervals {
		in[i] = TemplateInput(b)
	}
	rows, err := h.s.ReplaceSchedule(httpjson.Ctx(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(newScheduleView(id, rows))
}

type exceptionBody struct {
	Kind     string           `json:"kind" validate:"required,oneof=time_off extra_shift"`
	Start    httpjson.Instant `json:"start" validate:"required"`
	End      httpjson.Instant `json:"end" validate:"required"`
	BranchID string           `json:"branch_id" validate:"omitempty,uuid"`
	ChairID  string           `json:"chair_id" validate:"omitempty,uuid"`
	Reason   string           `json:"reason" validate:"max=500" text:"free"`
}

type exceptionView struct {
	ID        string  `json:"id"`
	DoctorID  string  `json:"doctor_id"`
	Kind      string  `json:"kind"`
	Start     string  `json:"start"`
	End       string  `json:"end"`
	BranchID  *string `json:"branch_id"`
	ChairID   *string `json:"chair_id"`
	Reason    string  `json:"reason"`
	CreatedBy *string `json:"created_by"`
	CreatedAt string  `json:"created_at"`
}

func newExceptionView(e Exception) exceptionView {
	return exceptionView{ID: e.ID, DoctorID: e.DoctorID, Kind: string(e.Kind), Start: utcStamp(e.Start), End: utcStamp(e.End),
		BranchID: e.BranchID, ChairID: e.ChairID, Reason: e.Reason, CreatedBy: e.CreatedBy, CreatedAt: utcStamp(e.CreatedAt)}
}

// utcStamp is how recorded instants are answered: RFC 3339 in UTC.
func utcStamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func (h *Handler) exceptions(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrDoctorNotFound)
	if err != nil {
		return err
	}
	var from time.Time
	if s := c.Query("from"); s != "" {
		if from, err = time.Parse(time.RFC3339, s); err != nil {
			return fault.Field("from", "date_time", "must be an RFC 3339 time with offset")
		}
	}
	list, err := h.s.Exceptions(httpjson.Ctx(c), id, from)
	if err != nil {
		return err
	}
	out := make([]exceptionView, len(list))
	for i, e := range list {
		out[i] = newExceptionView(e)
	}
	return c.JSON(fiber.Map{"items": out})
}

func (h *Handler) addException(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrDoctorNotFound)
	if err != nil {
		return err
	}
	var b exceptionBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	e, err := h.s.AddException(httpjson.Ctx(c), id, ExceptionInput{Kind: ExceptionKind(b.Kind), Start: b.Start.Time,
		End: b.End.Time, BranchID: b.BranchID, ChairID: b.ChairID, Reason: b.Reason})
	if err != nil {
		return err
	}
	return httpjson.Created(c, newExceptionView(e))
}

func (h *Handler) deleteException(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrDoctorNotFound)
	if err != nil {
		return err
	}
	exceptionID, err := httpjson.ID(c, "exception_id", ErrExceptionMissing)
	if err != nil {
		return err
	}
	if err := h.s.DeleteException(httpjson.Ctx(c), id, exceptionID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
