package reviews

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is the follow-up calls' HTTP face.
type Handler struct{ s *Service }

// NewHandler returns the follow-up and campaign routes over s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Routes mounts the routes (roles: api/policy.go). The fixed paths come before
// /follow-ups/:id so they are never read as an id.
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/follow-ups/rules", h.rules)
	r.Put("/api/v1/follow-ups/rules/:service_id", h.setRule)
	r.Get("/api/v1/follow-ups/settings", h.settings)
	r.Put("/api/v1/follow-ups/settings", h.setSettings)
	r.Get("/api/v1/follow-ups/figures", h.figures)
	r.Post("/api/v1/call-opt-outs", h.optOut)
	r.Get("/api/v1/follow-ups", h.list)
	r.Get("/api/v1/follow-ups/:id", h.get)
	r.Post("/api/v1/follow-ups/:id/claim", h.claim)
	r.Post("/api/v1/follow-ups/:id/release", h.release)
	r.Post("/api/v1/follow-ups/:id/attempts", h.attempt)
	r.Post("/api/v1/campaigns", h.startCampaign)
	r.Get("/api/v1/campaigns", h.campaigns)
	r.Get("/api/v1/campaigns/:id", h.campaign)
}

func (h *Handler) list(c *fiber.Ctx) error {
	f, err := readCallFilter(c)
	if err != nil {
		return err
	}
	page, err := h.s.Calls(httpjson.Ctx(c), f)
	if err != nil {
		return err
	}
	items := make([]callOut, 0, len(page.Items))
	for _, it := range page.Items {
		items = append(items, toCallOut(it))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": page.Next})
}

func readCallFilter(c *fiber.Ctx) (CallFilter, error) {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return CallFilter{}, err
	}
	campaign, err := httpjson.OptionalUUID(c, "campaign_id")
	if err != nil {
		return CallFilter{}, err
	}
	f := CallFilter{BranchID: branch, Due: c.Query("due"), CampaignID: campaign, Cursor: c.Query("cursor")}
	switch c.Query("assignee") {
	case "":
	case "me":
		f.Mine = true
	default:
		return CallFilter{}, fieldErr("assignee", "oneof", "must be me or left out")
	}
	if v := c.Query("limit"); v != "" {
		if f.Limit, err = httpjson.PageLimit(v); err != nil {
			return CallFilter{}, err
		}
	}
	return f, nil
}

func (h *Handler) get(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	f, tries, err := h.s.WithAttempts(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"follow_up": toFollowUpOut(f), "attempts": toAttemptsOut(tries)})
}

func (h *Handler) claim(c *fiber.Ctx) error   { return h.onTask(c, h.s.Claim) }
func (h *Handler) release(c *fiber.Ctx) error { return h.onTask(c, h.s.Release) }

func (h *Handler) onTask(c *fiber.Ctx, do func(ctx context.Context, id string) (FollowUp, error)) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	f, err := do(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(toFollowUpOut(f))
}

// attemptIn is one call as the caller reports it; survey only with reached.
type attemptIn struct {
	Outcome string    `json:"outcome" validate:"required"`
	Note    string    `json:"note" text:"free"`
	Survey  *surveyIn `json:"survey"`
}

// surveyIn is the survey filled during the call; its ranges are checked by Answers.
type surveyIn struct {
	Overall      int    `json:"overall"`
	Care         int    `json:"care"`
	Expectations string `json:"expectations"`
	Recommend    int    `json:"recommend"`
	Comment      string `json:"comment" text:"free"`
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
	t := Try{Outcome: in.Outcome, Note: in.Note}
	if in.Survey != nil {
		t.Survey = &Answers{Overall: in.Survey.Overall, Care: in.Survey.Care, Expectations: in.Survey.Expectations,
			Recommend: in.Survey.Recommend, Comment: in.Survey.Comment}
	}
	f, a, err := h.s.Log(httpjson.Ctx(c), id, t)
	if err != nil {
		return err
	}
	return httpjson.Created(c, fiber.Map{"follow_up": toFollowUpOut(f), "attempt": toAttemptOut(a)})
}
