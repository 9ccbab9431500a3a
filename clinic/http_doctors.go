package clinic

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

func (h *Handler) doctorRoutes(r fiber.Router) {
	r.Get("/api/v1/doctors", h.listDoctors)
	r.Post("/api/v1/doctors", h.createDoctor)
	r.Get("/api/v1/doctors/:id", h.getDoctor)
	r.Patch("/api/v1/doctors/:id", h.updateDoctor)
	r.Post("/api/v1/doctors/:id/deactivate", h.deactivateDoctor)
}

type doctorCreate struct {
	StaffID     string   `json:"staff_id" validate:"required,max=36,uuid"`
	Specialty   string   `json:"specialty" validate:"max=100"`
	DisplayName string   `json:"display_name" validate:"max=100"`
	PhotoURL    string   `json:"photo_url" validate:"omitempty,max=500,http_url"`
	ServiceIDs  []string `json:"service_ids" validate:"max=200,dive,max=36,uuid"`
}

type doctorPatch struct {
	Specialty   *string   `json:"specialty" validate:"omitnil,max=100"`
	DisplayName *string   `json:"display_name" validate:"omitnil,max=100"`
	PhotoURL    *string   `json:"photo_url" validate:"omitnil,max=500"`
	ServiceIDs  *[]string `json:"service_ids" validate:"omitnil,max=200,dive,max=36,uuid"`
}

type doctorOut struct {
	ID          string   `json:"id"`
	StaffID     string   `json:"staff_id"`
	Specialty   string   `json:"specialty"`
	DisplayName string   `json:"display_name"`
	PhotoURL    string   `json:"photo_url"`
	ServiceIDs  []string `json:"service_ids"`
	BranchIDs   []string `json:"branch_ids"`
	Active      bool     `json:"active"`
	CreatedAt   string   `json:"created_at"`
	UpdatedAt   string   `json:"updated_at"`
}

func toDoctorOut(d Doctor) doctorOut {
	return doctorOut{ID: d.ID, StaffID: d.StaffID, Specialty: d.Specialty, DisplayName: d.DisplayName,
		PhotoURL: d.PhotoURL, ServiceIDs: orEmpty(d.ServiceIDs), BranchIDs: orEmpty(d.BranchIDs),
		Active: d.Active, CreatedAt: stamp(d.CreatedAt), UpdatedAt: stamp(d.UpdatedAt)}
}

// doctorQuery adds the service filter to the common list parameters.
type doctorQuery struct {
	ServiceID string `json:"service_id" validate:"omitempty,max=36,uuid"`
}

func (h *Handler) listDoctors(c *fiber.Ctx) error {
	q, err := parseList(c)
	if err != nil {
		return err
	}
	dq := doctorQuery{ServiceID: c.Query("service_id")}
	if err := httpjson.Validate(&dq); err != nil {
		return err
	}
	p, err := h.s.Doctors(httpjson.Ctx(c), DoctorFilter{BranchID: q.BranchID, ServiceID: dq.ServiceID,
		Active: q.Active, Cursor: q.Cursor, Limit: q.Limit})
	return answer(c, toPage(p, toDoctorOut), err)
}

func (h *Handler) createDoctor(c *fiber.Ctx) error {
	var in doctorCreate
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	d, err := h.s.CreateDoctor(httpjson.Ctx(c), DoctorInput(in))
	if err != nil {
		return err
	}
	return httpjson.Created(c, toDoctorOut(d))
}

func (h *Handler) getDoctor(c *fiber.Ctx) error {
	id, err := pathID(c, ErrDoctorNotFound)
	if err != nil {
		return err
	}
	d, err := h.s.Doctor(httpjson.Ctx(c), id)
	return answer(c, toDoctorOut(d), err)
}

func (h *Handler) updateDoctor(c *fiber.Ctx) error {
	id, err := pathID(c, ErrDoctorNotFound)
	if err != nil {
		return err
	}
	var in doctorPatch
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	d, err := h.s.UpdateDoctor(httpjson.Ctx(c), id, DoctorPatch(in))
	return answer(c, toDoctorOut(d), err)
}

func (h *Handler) deactivateDoctor(c *fiber.Ctx) error {
	id, err := pathID(c, ErrDoctorNotFound)
	if err != nil {
		return err
	}
	d, err := h.s.DeactivateDoctor(httpjson.Ctx(c), id)
	return answer(c, toDoctorOut(d), err)
}
