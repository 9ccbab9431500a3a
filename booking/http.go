package booking

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Handler is the staff appointments API.
type Handler struct{ svc *Service }

// NewHandler returns the staff appointments API over svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes mounts the appointment routes.
func (h *Handler) Routes(r fiber.Router) {
	r.Post("/api/v1/appointments", h.book)
	r.Get("/api/v1/appointments", h.day)
	r.Get("/api/v1/appointments/:id", h.get)
	r.Patch("/api/v1/appointments/:id", h.reschedule)
	for _, a := range []Action{ActionConfirm, ActionCheckIn, ActionSeat, ActionComplete, ActionCancel, ActionNoShow} {
		r.Post("/api/v1/appointments/:id/"+string(a), h.move(a))
	}
}

// patientBody registers or finds a patient inline.
type patientBody struct {
	FirstName  string `json:"first_name" validate:"required,max=100"`
	LastName   string `json:"last_name" validate:"required,max=100"`
	MiddleName string `json:"middle_name" validate:"max=100"`
	Phone      string `json:"phone" validate:"required,max=40"`
	Email      string `json:"email" validate:"omitempty,max=254,email"`
	BirthDate  string `json:"birth_date" validate:"omitempty,datetime=2006-01-02"`
	Locale     string `json:"locale" validate:"omitempty,oneof=en ru pl sv"`
}

type bookBody struct {
	PatientID string           `json:"patient_id" validate:"required_without=Patient,omitempty,uuid"`
	Patient   *patientBody     `json:"patient" validate:"required_without=PatientID,omitempty"`
	ServiceID string           `json:"service_id" validate:"required,uuid"`
	DoctorID  string           `json:"doctor_id" validate:"required,uuid"`
	ChairID   string           `json:"chair_id" validate:"omitempty,uuid"`
	Start     httpjson.Instant `json:"start" validate:"required"`
	Note      string           `json:"note" validate:"max=2000" text:"free"`
	Source    visit.Source     `json:"source" validate:"required,oneof=admin phone doctor_app walk_in"`
}

func (b bookBody) request() BookRequest {
	req := BookRequest{PatientID: b.PatientID, ServiceID: b.ServiceID, DoctorID: b.DoctorID,
		ChairID: b.ChairID, Start: b.Start.Time, Note: b.Note, Source: b.Source}
	if p := b.Patient; p != nil {
		req.Patient = &clinic.PatientInput{FirstName: p.FirstName, LastName: p.LastName, MiddleName: p.MiddleName,
			Phone: p.Phone, Email: p.Email, BirthDate: p.BirthDate, Locale: p.Locale}
	}
	return req
}

func (h *Handler) book(c *fiber.Ctx) error {
	var body bookBody
	if err := httpjson.Decode(c, &body); err != nil {
		return err
	}
	a, loc, err := h.svc.book(httpjson.Ctx(c), body.request())
	if err != nil {
		return err
	}
	// A visit booked this instant has no answer yet and no question sent about it.
	return httpjson.Created(c, h.viewWith(a, loc, Confirmation{}))
}

func (h *Handler) get(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", visit.ErrNotFound)
	if err != nil {
		return err
	}
	a, err := h.svc.Get(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return h.answer(c, a)
}

type dayQuery struct {
	BranchID string `query:"branch_id" validate:"required,uuid"`
	Date     string `query:"date" validate:"required,datetime=2006-01-02"`
	DoctorID string `query:"doctor_id" validate:"omitempty,uuid"`
	Status   string `query:"status" validate:"omitempty,oneof=held booked confirmed arrived seated completed cancelled no_show rescheduled"`
	Expand   string `query:"expand" validate:"max=100"`
}

func (h *Handler) day(c *fiber.Ctx) error {
	var q dayQuery
	if err := c.QueryParser(&q); err != nil {
		return fault.Field("", "invalid_query", "the query string does not parse")
	}
	if err := httpjson.Validate(q); err != nil {
		return err
	}
	want, err := parseExpand(q.Expand)
	if err != nil {
		return err
	}
	ctx := httpjson.Ctx(c)
	list, err := h.svc.Day(ctx, visit.DayFilter{BranchID: q.BranchID, Date: q.Date, DoctorID: q.DoctorID, Status: visit.Status(q.Status)})
	if err != nil {
		return err
	}
	items, err := h.dayViews(ctx, q.BranchID, list, want)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// dayViews shows a day's appointments with their confirmations (read at once) and
// the names asked for.
func (h *Handler) dayViews(ctx context.Context, branchID string, list []visit.Visit, want map[string]bool) ([]appointmentView, error) {
	branch, err := h.svc.dir.Branch(ctx, branchID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(list))
	for i, a := range list {
		ids[i] = a.ID
	}
	conf, err := h.svc.Confirmations(ctx, ids)
	if err != nil {
		return nil, err
	}
	loc := h.svc.zoneOf(ctx, branchID)
	n := h.svc.newNames(want, branch)
	items := make([]appointmentView, 0, len(list))
	for _, a := range list {
		v := h.viewWith(a, loc, conf[a.ID])
		if err := n.fill(ctx, a, &v); err != nil {
			return nil, err
		}
		items = append(items, v)
	}
	return items, nil
}

// answer sends one appointment's view.
func (h *Handler) answer(c *fiber.Ctx, a visit.Visit) error {
	v, err := h.view(c, a)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

type moveBody struct {
	Reason string `json:"reason" validate:"max=500" text:"free"`
	// OverrideReason seats a patient despite unsigned documents (owner or the visit's doctor).
	OverrideReason string `json:"override_reason" validate:"max=500" text:"free"`
}

func (h *Handler) move(action Action) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := httpjson.ID(c, "id", visit.ErrNotFound)
		if err != nil {
			return err
		}
		var body moveBody
		if len(c.Body()) > 0 {
			if err := httpjson.Decode(c, &body); err != nil {
				return err
			}
		}
		a, err := h.svc.Move(httpjson.Ctx(c), id, Change{Action: action, Reason: body.Reason, OverrideReason: body.OverrideReason})
		if err != nil {
			return err
		}
		return h.answer(c, a)
	}
}

type rescheduleBody struct {
	Start    httpjson.Instant `json:"start" validate:"required"`
	DoctorID string           `json:"doctor_id" validate:"omitempty,uuid"`
	ChairID  string           `json:"chair_id" validate:"omitempty,uuid"`
}

func (h *Handler) reschedule(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", visit.ErrNotFound)
	if err != nil {
		return err
	}
	var body rescheduleBody
	if err := httpjson.Decode(c, &body); err != nil {
		return err
	}
	a, err := h.svc.Reschedule(httpjson.Ctx(c), id, Move{Start: body.Start.Time, DoctorID: body.DoctorID, ChairID: body.ChairID})
	if err != nil {
		return err
	}
	return h.answer(c, a)
}
