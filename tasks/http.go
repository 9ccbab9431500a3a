package tasks

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is the queue's JSON API.
type Handler struct{ s *Service }

// NewHandler returns the task queue's HTTP API over s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Routes mounts the desk's list and the work on one task (roles: api/policy.go).
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/tasks", h.list)
	r.Post("/api/v1/tasks/:id/claim", h.claim)
	r.Post("/api/v1/tasks/:id/release", h.release)
	r.Post("/api/v1/tasks/:id/attempts", h.attempt)
	r.Post("/api/v1/tasks/:id/done", h.done)
}

// listQuery is GET /api/v1/tasks's query; status and kind are checked by the service.
type listQuery struct {
	Status    string `query:"status"`
	Kind      string `query:"kind"`
	BranchID  string `query:"branch_id" validate:"omitempty,uuid"`
	Assignee  string `query:"assignee" validate:"omitempty,oneof=me"`
	Queue     string `query:"queue" validate:"max=40"`
	DueBefore string `query:"due_before"`
	Limit     string `query:"limit"`
	Cursor    string `query:"cursor" validate:"max=200"`
}

func (h *Handler) list(c *fiber.Ctx) error {
	f, err := readFilter(c)
	if err != nil {
		return err
	}
	page, err := h.s.List(httpjson.Ctx(c), f)
	if err != nil {
		return err
	}
	items := make([]taskOut, 0, len(page.Items))
	for _, t := range page.Items {
		items = append(items, toTaskOut(t))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": page.Next})
}

func readFilter(c *fiber.Ctx) (Filter, error) {
	var q listQuery
	if err := c.QueryParser(&q); err != nil {
		return Filter{}, fault.Field("", "invalid_query", "the query string does not parse")
	}
	if err := httpjson.Validate(q); err != nil {
		return Filter{}, err
	}
	f := Filter{Status: q.Status, Kind: q.Kind, BranchID: q.BranchID, Mine: q.Assignee == "me", Queue: q.Queue,
		Cursor: q.Cursor}
	var err error
	if f.Limit, err = httpjson.PageLimit(q.Limit); err != nil {
		return Filter{}, err
	}
	if q.DueBefore != "" {
		due, err := time.Parse(time.RFC3339, q.DueBefore)
		if err != nil {
			return Filter{}, fault.Field("due_before", "datetime", "must be a date-time in RFC 3339 with offset")
		}
		f.DueBefore = &due
	}
	return f, nil
}

func (h *Handler) claim(c *fiber.Ctx) error {
	return h.change(c, h.s.Claim)
}

func (h *Handler) release(c *fiber.Ctx) error {
	return h.change(c, h.s.Release)
}

// change runs a body-less change to one task and answers with the task.
func (h *Handler) change(c *fiber.Ctx, do func(ctx context.Context, id string) (Task, error)) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	t, err := do(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(toTaskOut(t))
}

// attemptIn is one try at a task.
type attemptIn struct {
	Outcome string `json:"outcome" validate:"required,oneof=reached no_answer busy wrong_number left_message other"`
	Note    string `json:"note" validate:"max=2000" text:"free"`
}

func (h *Handler) attempt(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	var in attemptIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	a, err := h.s.RecordAttempt(httpjson.Ctx(c), id, Try(in))
	if err != nil {
		return err
	}
	return httpjson.Created(c, attemptOut{ID: a.ID, TaskID: a.TaskID, StaffID: a.StaffID, At: stamp(a.At),
		Outcome: a.Outcome, Note: a.Note})
}

// doneIn is the optional body of closing a task.
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
	t, err := h.s.Done(httpjson.Ctx(c), id, in.Note)
	if err != nil {
		return err
	}
	return c.JSON(toTaskOut(t))
}

// taskOut is one task as the front desk sees it.
type taskOut struct {
	ID           string           `json:"id"`
	Kind         string           `json:"kind"`
	Text         string           `json:"text"`
	Status       string           `json:"status"`
	CreatedAt    string           `json:"created_at"`
	DueAt        string           `json:"due_at"`
	Queue        string           `json:"queue"`
	AssigneeID   *string          `json:"assignee_id"`
	ClaimedBy    *string          `json:"claimed_by"`
	ClaimedUntil *string          `json:"claimed_until"`
	DoneAt       *string          `json:"done_at"`
	DoneBy       *string          `json:"done_by"`
	DoneNote     string           `json:"done_note"`
	AttemptCount int              `json:"attempt_count"`
	LastOutcome  *string          `json:"last_outcome"`
	BranchID     *string          `json:"branch_id"`
	InboundID    *string          `json:"inbound_id"`
	OutboxID     *string          `json:"outbox_id"`
	Patient      *taskPatient     `json:"patient"`
	Appointment  *taskAppointment `json:"appointment"`
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
		DueAt: stamp(t.DueAt), Queue: t.Queue, AssigneeID: t.AssigneeID, ClaimedBy: t.ClaimedBy,
		ClaimedUntil: stampPtr(t.ClaimedUntil), DoneAt: stampPtr(t.DoneAt), DoneBy: t.DoneBy, DoneNote: t.DoneNote,
		AttemptCount: t.AttemptCount, LastOutcome: t.LastOutcome, BranchID: t.BranchID, InboundID: t.InboundID,
		OutboxID: t.OutboxID}
	if t.PatientID != nil {
		out.Patient = &taskPatient{ID: *t.PatientID, Name: deref(t.PatientName), Phone: deref(t.PatientPhone)}
	}
	if t.AppointmentID != nil && t.AppointmentStart != nil {
		out.Appointment = &taskAppointment{ID: *t.AppointmentID, StartsAt: stamp(*t.AppointmentStart),
			Status: deref(t.AppointmentStatus)}
	}
	return out
}

// attemptOut is one recorded try.
type attemptOut struct {
	ID      string `json:"id"`
	TaskID  string `json:"task_id"`
	StaffID string `json:"staff_id"`
	At      string `json:"at"`
	Outcome string `json:"outcome"`
	Note    string `json:"note"`
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func stampPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := stamp(*t)
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
