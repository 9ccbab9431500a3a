package recall

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

type stageBody struct {
	ServiceID string `json:"service_id" validate:"required,uuid"`
	AfterDays *int   `json:"after_days" validate:"required,min=0,max=730"`
}

type planBody struct {
	PatientID string      `json:"patient_id" validate:"required,uuid"`
	BranchID  string      `json:"branch_id" validate:"required,uuid"`
	Stages    []stageBody `json:"stages" validate:"required,min=1,max=20,dive"`
}

type stageOut struct {
	Position    int        `json:"position"`
	ServiceID   string     `json:"service_id"`
	AfterDays   int        `json:"after_days"`
	DueOn       *string    `json:"due_on"`
	DoneAt      *time.Time `json:"done_at"`
	DoneVisitID *string    `json:"done_appointment_id"`
	MessagedAt  *time.Time `json:"messaged_at"`
}

type planOut struct {
	ID        string     `json:"id"`
	PatientID string     `json:"patient_id"`
	BranchID  string     `json:"branch_id"`
	Status    string     `json:"status"`
	CreatedAt time.Time  `json:"created_at"`
	Stages    []stageOut `json:"stages"`
}

func toPlanOut(p Plan) planOut {
	out := planOut{ID: p.ID, PatientID: p.PatientID, BranchID: p.BranchID, Status: p.Status,
		CreatedAt: p.CreatedAt.UTC(), Stages: make([]stageOut, 0, len(p.Stages))}
	for _, s := range p.Stages {
		out.Stages = append(out.Stages, stageOut{Position: s.Position, ServiceID: s.ServiceID, AfterDays: s.AfterDays,
			DueOn: s.DueOn, DoneAt: utc(s.DoneAt), DoneVisitID: s.DoneVisitID, MessagedAt: utc(s.MessagedAt)})
	}
	return out
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func (h *Handler) createPlan(c *fiber.Ctx) error {
	var b planBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	if _, err := httpjson.Branch(c, b.BranchID, "branch_id"); err != nil {
		return err
	}
	in := PlanInput{PatientID: b.PatientID, BranchID: b.BranchID}
	for _, st := range b.Stages {
		in.Stages = append(in.Stages, StageInput{ServiceID: st.ServiceID, AfterDays: *st.AfterDays})
	}
	p, err := h.s.CreatePlan(httpjson.Ctx(c), in)
	if err != nil {
		return err
	}
	return httpjson.Created(c, toPlanOut(p))
}

func (h *Handler) plans(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrPatientNotFound)
	if err != nil {
		return err
	}
	plans, err := h.s.Plans(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	items := make([]planOut, 0, len(plans))
	for _, p := range plans {
		items = append(items, toPlanOut(p))
	}
	return c.JSON(fiber.Map{"items": items})
}
