package maintenance

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is maintenance's HTTP face.
type Handler struct{ s *Service }

// NewHandler returns the maintenance routes over s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Routes mounts the maintenance routes (roles: api/policy.go).
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/maintenance", h.list)
	r.Post("/api/v1/maintenance", h.create)
	r.Get("/api/v1/maintenance/:id", h.get)
	r.Put("/api/v1/maintenance/:id", h.update)
	r.Post("/api/v1/maintenance/:id/done", h.done)
	r.Post("/api/v1/maintenance/:id/deactivate", h.deactivate)
}

// jobCreate is a new job; every_n and every_unit together, or neither for a one-off.
type jobCreate struct {
	BranchID   string  `json:"branch_id" validate:"required,uuid"`
	ItemID     *string `json:"item_id" validate:"omitnil,uuid"`
	Title      string  `json:"title" validate:"required,max=200"`
	EveryN     *int    `json:"every_n" validate:"omitnil,min=1,max=1000"`
	EveryUnit  *string `json:"every_unit" validate:"omitnil,oneof=day week month year"`
	NextDueOn  string  `json:"next_due_on" validate:"required,datetime=2006-01-02"`
	GraceDays  *int    `json:"grace_days" validate:"omitnil,min=0,max=365"`
	AssigneeID *string `json:"assignee_id" validate:"omitnil,uuid"`
}

// jobUpdate is a job's whole description again; its branch stays.
type jobUpdate struct {
	ItemID     *string `json:"item_id" validate:"omitnil,uuid"`
	Title      string  `json:"title" validate:"required,max=200"`
	EveryN     *int    `json:"every_n" validate:"omitnil,min=1,max=1000"`
	EveryUnit  *string `json:"every_unit" validate:"omitnil,oneof=day week month year"`
	NextDueOn  string  `json:"next_due_on" validate:"required,datetime=2006-01-02"`
	GraceDays  *int    `json:"grace_days" validate:"omitnil,min=0,max=365"`
	AssigneeID *string `json:"assignee_id" validate:"omitnil,uuid"`
}

// defaultGrace is how many days a job may be late before it escalates, unless told.
const defaultGrace = 3

func (in jobUpdate) input(branchID string) Input {
	grace := defaultGrace
	if in.GraceDays != nil {
		grace = *in.GraceDays
	}
	return Input{BranchID: branchID, ItemID: in.ItemID, Title: in.Title, EveryN: in.EveryN, EveryUnit: in.EveryUnit,
		NextDueOn: in.NextDueOn, GraceDays: grace, AssigneeID: in.AssigneeID}
}

type listQuery struct {
	BranchID string `query:"branch_id" validate:"omitempty,uuid"`
	State    string `query:"state" validate:"omitempty,oneof=due overdue upcoming inactive all"`
}

func (h *Handler) list(c *fiber.Ctx) error {
	q := listQuery{BranchID: c.Query("branch_id"), State: c.Query("state")}
	if err := httpjson.Validate(&q); err != nil {
		return err
	}
	jobs, err := h.s.List(httpjson.Ctx(c), Filter(q))
	if err != nil {
		return err
	}
	items := make([]jobOut, 0, len(jobs))
	for _, j := range jobs {
		items = append(items, toJobOut(j))
	}
	return c.JSON(fiber.Map{"items": items})
}

func (h *Handler) create(c *fiber.Ctx) error {
	var in jobCreate
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	j, err := h.s.Create(httpjson.Ctx(c), jobUpdate{ItemID: in.ItemID, Title: in.Title, EveryN: in.EveryN,
		EveryUnit: in.EveryUnit, NextDueOn: in.NextDueOn, GraceDays: in.GraceDays, AssigneeID: in.AssigneeID}.input(in.BranchID))
	if err != nil {
		return err
	}
	return httpjson.Created(c, toJobOut(j))
}

func (h *Handler) get(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	ctx := httpjson.Ctx(c)
	j, err := h.s.Get(ctx, id)
	if err != nil {
		return err
	}
	history, err := h.s.History(ctx, id, 50)
	if err != nil {
		return err
	}
	done := make([]doneOut, 0, len(history))
	for _, d := range history {
		done = append(done, toDoneOut(d))
	}
	return c.JSON(fiber.Map{"job": toJobOut(j), "history": done})
}

func (h *Handler) update(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	var in jobUpdate
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	return answer(c)(h.s.Update(httpjson.Ctx(c), id, in.input("")))
}

func (h *Handler) deactivate(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	return answer(c)(h.s.Deactivate(httpjson.Ctx(c), id))
}

// doneIn is how the job went; the body may be left out.
type doneIn struct {
	Note string `json:"note" validate:"max=2000" text:"free"`
}

func (h *Handler) done(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	var in doneIn
	if len(c.Body()) > 0 {
		if err := httpjson.Decode(c, &in); err != nil {
			return err
		}
	}
	j, d, err := h.s.MarkDone(httpjson.Ctx(c), id, in.Note)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"job": toJobOut(j), "done": toDoneOut(d)})
}

// answer writes a job or the error that came instead.
func answer(c *fiber.Ctx) func(Job, error) error {
	return func(j Job, err error) error {
		if err != nil {
			return err
		}
		return c.JSON(toJobOut(j))
	}
}

type jobOut struct {
	ID          string  `json:"id"`
	BranchID    string  `json:"branch_id"`
	ItemID      *string `json:"item_id"`
	ItemName    *string `json:"item_name"`
	Title       string  `json:"title"`
	EveryN      *int    `json:"every_n"`
	EveryUnit   *string `json:"every_unit"`
	NextDueOn   *string `json:"next_due_on"`
	GraceDays   int     `json:"grace_days"`
	AssigneeID  *string `json:"assignee_id"`
	TaskID      *string `json:"task_id"`
	Escalated   bool    `json:"escalated"`
	Active      bool    `json:"active"`
	State       string  `json:"state"`
	DaysOverdue int     `json:"days_overdue"`
	CreatedAt   string  `json:"created_at"`
}

// toJobOut is a job on the wire, its state as of its branch's date. TaskID is the
// open task only.
func toJobOut(j Job) jobOut {
	task := j.TaskID
	if !j.TaskOpen {
		task = nil
	}
	return jobOut{ID: j.ID, BranchID: j.BranchID, ItemID: j.ItemID, ItemName: j.ItemName, Title: j.Title,
		EveryN: j.EveryN, EveryUnit: j.EveryUnit, NextDueOn: j.NextDueOn, GraceDays: j.GraceDays,
		AssigneeID: j.AssigneeID, TaskID: task, Escalated: j.Escalated, Active: j.Active, State: j.State(j.Today),
		DaysOverdue: j.DaysOverdue(j.Today), CreatedAt: j.CreatedAt.UTC().Format(time.RFC3339Nano)}
}

type doneOut struct {
	ID      string  `json:"id"`
	DueOn   string  `json:"due_on"`
	DoneAt  string  `json:"done_at"`
	StaffID *string `json:"staff_id"`
	Note    string  `json:"note"`
}

func toDoneOut(d Done) doneOut {
	return doneOut{ID: d.ID, DueOn: d.DueOn, DoneAt: d.DoneAt.UTC().Format(time.RFC3339Nano), StaffID: d.StaffID, Note: d.Note}
}
