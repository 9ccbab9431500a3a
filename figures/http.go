package figures

import (
	"errors"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is the figures' JSON (and CSV) face.
type Handler struct{ s *Service }

// NewHandler returns the figures' routes over s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Errors the routes answer with.
var (
	ErrFigureNotFound   = fault.New(fault.NotFound, "figure_not_found", "no figure has this name")
	ErrPeopleOwnersOnly = fault.New(fault.Forbidden, "owners_only", "per-person figures are for owners")
)

// Routes mounts the figures' routes (roles: api/policy.go).
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/figures", h.report)
	r.Get("/api/v1/figures/thresholds", h.thresholds)
	r.Post("/api/v1/figures/rebuild", h.rebuild)
	r.Get("/api/v1/figures/:name/rows", h.rows)
	r.Put("/api/v1/figures/:name/threshold", h.setThreshold)
}

func (h *Handler) report(c *fiber.Ctx) error {
	q, err := queryOf(c)
	if err != nil {
		return err
	}
	r, err := h.s.Figures(httpjson.Ctx(c), q)
	if err != nil {
		return err
	}
	if wantsCSV(c) {
		return sendCSV(c, "figures-"+q.From+"-"+q.To+".csv", reportCSV(r))
	}
	return c.JSON(reportToOut(r))
}

// queryOf reads a figures query; people are owners' only.
func queryOf(c *fiber.Ctx) (Query, error) {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return Query{}, err
	}
	from, to, err := rangeOf(c)
	if err != nil {
		return Query{}, err
	}
	by := c.Query("by", "day")
	if _, next := stepOf(by); next == nil {
		return Query{}, fault.Field("by", "enum", "must be day, week or month")
	}
	doctor, err := httpjson.OptionalUUID(c, "doctor_id")
	if err != nil {
		return Query{}, err
	}
	owner := actor.From(httpjson.Ctx(c)).Role == actor.Owner
	return Query{BranchID: branch, From: from, To: to, By: by, DoctorID: doctor, People: owner}, nil
}

// rangeOf reads from and to: local dates, to not before from, at most maxDays apart.
func rangeOf(c *fiber.Ctx) (from, to string, err error) {
	f, err := dateParam(c, "from")
	if err != nil {
		return "", "", err
	}
	t, err := dateParam(c, "to")
	if err != nil {
		return "", "", err
	}
	if t.Before(f) {
		return "", "", fault.Field("to", "range", "must not be before from")
	}
	if t.Sub(f) > maxDays*24*time.Hour {
		return "", "", fault.Field("to", "range", "must be at most 400 days after from")
	}
	return f.Format(time.DateOnly), t.Format(time.DateOnly), nil
}

func dateParam(c *fiber.Ctx, name string) (time.Time, error) {
	v := c.Query(name)
	if v == "" {
		return time.Time{}, fault.Field(name, "required", "is required")
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, fault.Field(name, "date", "must be a date (YYYY-MM-DD)")
	}
	return t, nil
}

// figureName reads the figure named in the path.
func (h *Handler) figureName(c *fiber.Ctx) (Definition, error) {
	d, err := h.s.Definition(c.Params("name"))
	if errors.Is(err, ErrUnknownFigure) {
		return d, ErrFigureNotFound
	}
	return d, err
}

func (h *Handler) rebuild(c *fiber.Ctx) error {
	var in struct {
		BranchID string `json:"branch_id" validate:"required,uuid"`
		From     string `json:"from" validate:"required,datetime=2006-01-02"`
		To       string `json:"to" validate:"required,datetime=2006-01-02"`
	}
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	if _, err := httpjson.Branch(c, in.BranchID, "branch_id"); err != nil {
		return err
	}
	n, err := h.s.RebuildRange(httpjson.Ctx(c), in.BranchID, in.From, in.To)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"branch_id": in.BranchID, "from": in.From, "to": in.To, "days": n})
}

// wantsCSV says the client asked for text/csv before JSON.
func wantsCSV(c *fiber.Ctx) bool {
	return strings.HasPrefix(c.Accepts(fiber.MIMEApplicationJSON, "text/csv"), "text/csv")
}
