package recall

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is recall's HTTP face.
type Handler struct{ s *Service }

// NewHandler returns the recall and treatment-plan routes over s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Routes mounts recall's routes (roles: api/policy.go).
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/recalls", h.list)
	r.Post("/api/v1/recalls/:id/dismiss", h.dismiss)
	r.Get("/api/v1/recalls/rules", h.rules)
	r.Put("/api/v1/recalls/rules/:service_id", h.setRule)
	r.Post("/api/v1/treatment-plans", h.createPlan)
	r.Get("/api/v1/patients/:id/treatment-plans", h.plans)
}

type patientOut struct {
	ID        string `json:"id"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Phone     string `json:"phone"`
}

type serviceOut struct {
	ID    string            `json:"id"`
	Code  string            `json:"code"`
	Names map[string]string `json:"names"`
}

type recallOut struct {
	ID          string     `json:"id"`
	Patient     patientOut `json:"patient"`
	ServiceID   string     `json:"service_id"`
	Service     serviceOut `json:"service"`
	BranchID    string     `json:"branch_id"`
	DueOn       string     `json:"due_on"`
	LastVisitAt time.Time  `json:"last_visit_at"`
	FromVisitID string     `json:"from_appointment_id"`
	Status      string     `json:"status"`
	MessagedAt  *time.Time `json:"messaged_at"`
	Skipped     bool       `json:"skipped"`
	SkipReason  *string    `json:"skip_reason"`
}

func toRecallOut(r Recall) recallOut {
	out := recallOut{ID: r.ID, ServiceID: r.ServiceID, BranchID: r.BranchID, DueOn: r.DueOn,
		LastVisitAt: r.LastVisitAt.UTC(), FromVisitID: r.FromVisitID, Status: r.Status, MessagedAt: utc(r.MessagedAt),
		Patient: patientOut{ID: r.PatientID, FirstName: r.FirstName, LastName: r.LastName, Phone: r.Phone},
		Service: serviceOut{ID: r.Service.ID, Code: r.Service.Code, Names: r.Service.Names}}
	if out.Service.Names == nil {
		out.Service.Names = map[string]string{}
	}
	if r.SkipReason != "" {
		reason := r.SkipReason
		out.Skipped, out.SkipReason = true, &reason
	}
	return out
}

type listQuery struct {
	DueBefore string `query:"due_before" validate:"omitempty,datetime=2006-01-02"`
}

func (h *Handler) list(c *fiber.Ctx) error {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	q := listQuery{DueBefore: c.Query("due_before")}
	if err := httpjson.Validate(&q); err != nil {
		return err
	}
	limit, err := httpjson.PageLimit(c.Query("limit"))
	if err != nil {
		return err
	}
	page, err := h.s.List(httpjson.Ctx(c), Filter{BranchID: branch, DueBefore: q.DueBefore, Cursor: c.Query("cursor"), Limit: limit})
	if err != nil {
		return err
	}
	items := make([]recallOut, 0, len(page.Items))
	for _, r := range page.Items {
		items = append(items, toRecallOut(r))
	}
	var next *string
	if page.Next != "" {
		next = &page.Next
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

func (h *Handler) dismiss(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	r, err := h.s.Dismiss(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(toRecallOut(r))
}

type ruleOut struct {
	ServiceID   string            `json:"service_id"`
	ServiceCode string            `json:"service_code"`
	Names       map[string]string `json:"names"`
	Months      int               `json:"months"`
	Custom      bool              `json:"custom"`
}

func toRuleOut(r Rule) ruleOut {
	names := r.Names
	if names == nil {
		names = map[string]string{}
	}
	return ruleOut{ServiceID: r.ServiceID, ServiceCode: r.ServiceCode, Names: names, Months: r.Months, Custom: r.Custom}
}

func (h *Handler) rules(c *fiber.Ctx) error {
	rules, err := h.s.Rules(httpjson.Ctx(c))
	if err != nil {
		return err
	}
	items := make([]ruleOut, 0, len(rules))
	for _, r := range rules {
		items = append(items, toRuleOut(r))
	}
	return c.JSON(fiber.Map{"items": items})
}

type ruleBody struct {
	Months *int `json:"months" validate:"required,min=0,max=36"`
}

func (h *Handler) setRule(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "service_id", ErrServiceNotFound)
	if err != nil {
		return err
	}
	var b ruleBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	r, err := h.s.SetRule(httpjson.Ctx(c), id, *b.Months)
	if err != nil {
		return err
	}
	return c.JSON(toRuleOut(r))
}
