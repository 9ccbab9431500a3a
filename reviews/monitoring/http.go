package monitoring

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is review monitoring's HTTP face.
type Handler struct{ s *Service }

// NewHandler returns the review monitoring routes over s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Routes mounts the routes (roles: api/policy.go). The fixed paths come before
// /api/v1/reviews/:id, which would otherwise take them.
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/reviews/sources", h.sources)
	r.Post("/api/v1/reviews/sources", h.createSource)
	r.Patch("/api/v1/reviews/sources/:id", h.updateSource)
	r.Post("/api/v1/reviews/sources/:id/poll", h.poll)
	r.Post("/api/v1/reviews/sources/:id/import", h.importReviews)
	r.Get("/api/v1/reviews/figures", h.figures)
	r.Get("/api/v1/reviews", h.list)
	r.Get("/api/v1/reviews/:id", h.get)
	r.Put("/api/v1/reviews/:id/reply", h.reply)
}

// sourceCreate is a new review source. A Google source names the account, location
// and access token; an import source names its site.
type sourceCreate struct {
	BranchID    string `json:"branch_id"`
	Kind        string `json:"kind" validate:"required,oneof=google import"`
	Site        string `json:"site" validate:"omitempty,oneof=google yandex 2gis prodoctorov znanylekarz reco trustpilot other"`
	Name        string `json:"name" validate:"max=200"`
	AccountID   string `json:"account_id" validate:"max=200"`
	LocationID  string `json:"location_id" validate:"max=200"`
	AccessToken string `json:"access_token" validate:"max=4096"`
	BaseURL     string `json:"base_url" validate:"omitempty,http_url,max=500"`
}

func (h *Handler) createSource(c *fiber.Ctx) error {
	var in sourceCreate
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	branch, err := httpjson.Branch(c, in.BranchID, "branch_id")
	if err != nil {
		return err
	}
	x, err := h.s.CreateSource(httpjson.Ctx(c), SourceInput{BranchID: branch, Kind: in.Kind, Site: in.Site, Name: in.Name,
		AccountID: in.AccountID, LocationID: in.LocationID, AccessToken: in.AccessToken, BaseURL: in.BaseURL})
	if err != nil {
		return err
	}
	return httpjson.Created(c, toSourceOut(x))
}

// sourceUpdate changes what it names of a source.
type sourceUpdate struct {
	Name        *string `json:"name" validate:"omitnil,max=200"`
	AccessToken *string `json:"access_token" validate:"omitnil,max=4096"`
	BaseURL     *string `json:"base_url" validate:"omitnil,max=500"`
	Active      *bool   `json:"active"`
}

func (h *Handler) updateSource(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrSourceNotFound)
	if err != nil {
		return err
	}
	var in sourceUpdate
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	if in.BaseURL != nil && *in.BaseURL != "" {
		if err := httpjson.Validate(struct {
			BaseURL string `json:"base_url" validate:"http_url"`
		}{*in.BaseURL}); err != nil {
			return err
		}
	}
	x, err := h.s.UpdateSource(httpjson.Ctx(c), id, SourcePatch(in))
	if err != nil {
		return err
	}
	return c.JSON(toSourceOut(x))
}

func (h *Handler) sources(c *fiber.Ctx) error {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	list, err := h.s.Sources(httpjson.Ctx(c), branch)
	if err != nil {
		return err
	}
	items := make([]sourceOut, 0, len(list))
	for _, x := range list {
		items = append(items, toSourceOut(x))
	}
	return c.JSON(fiber.Map{"items": items})
}

func (h *Handler) poll(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrSourceNotFound)
	if err != nil {
		return err
	}
	x, out, err := h.s.PollNow(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"source": toSourceOut(x), "outcome": out})
}

// sourceOut is a source on the wire: its token never leaves, only whether it has one.
type sourceOut struct {
	ID           string  `json:"id"`
	BranchID     string  `json:"branch_id"`
	Kind         string  `json:"kind"`
	Site         string  `json:"site"`
	Name         string  `json:"name"`
	AccountID    string  `json:"account_id"`
	LocationID   string  `json:"location_id"`
	HasToken     bool    `json:"has_token"`
	BaseURL      string  `json:"base_url"`
	NewestSeenAt *string `json:"newest_seen_at"`
	LastPolledAt *string `json:"last_polled_at"`
	LastError    string  `json:"last_error"`
	Active       bool    `json:"active"`
	CreatedAt    string  `json:"created_at"`
}

func toSourceOut(x Source) sourceOut {
	return sourceOut{ID: x.ID, BranchID: x.BranchID, Kind: x.Kind, Site: x.Site, Name: x.Name, AccountID: x.AccountID,
		LocationID: x.LocationID, HasToken: x.AccessToken != "", BaseURL: x.BaseURL, NewestSeenAt: stamp(x.NewestSeenAt),
		LastPolledAt: stamp(x.LastPolledAt), LastError: x.LastError, Active: x.Active, CreatedAt: rfc(x.CreatedAt)}
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func stamp(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := rfc(*t)
	return &s
}
