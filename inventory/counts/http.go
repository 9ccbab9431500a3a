package counts

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// Handler is counting's HTTP face.
type Handler struct{ s *Service }

// NewHandler returns the count routes over s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Routes mounts the count routes (roles: api/policy.go).
func (h *Handler) Routes(r fiber.Router) {
	r.Post("/api/v1/inventory/counts", h.start)
	r.Get("/api/v1/inventory/counts/:id", h.get)
	r.Put("/api/v1/inventory/counts/:id/lines", h.enter)
	r.Post("/api/v1/inventory/counts/:id/post", h.post)
	r.Post("/api/v1/inventory/counts/:id/cancel", h.cancel)
}

type startIn struct {
	LocationID string `json:"location_id" validate:"required,uuid"`
}

func (h *Handler) start(c *fiber.Ctx) error {
	var in startIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	x, err := h.s.Start(httpjson.Ctx(c), in.LocationID)
	if err != nil {
		return err
	}
	return httpjson.Created(c, toSessionOut(x))
}

func (h *Handler) get(c *fiber.Ctx) error {
	return h.answer(c, h.s.Get)
}

func (h *Handler) post(c *fiber.Ctx) error {
	return h.answer(c, h.s.Post)
}

func (h *Handler) cancel(c *fiber.Ctx) error {
	return h.answer(c, h.s.Cancel)
}

// linesIn are counted quantities; each names a lot by lot_id, or by lot_number and
// expires_on for a lot the ledger does not know yet.
type linesIn struct {
	Lines []struct {
		ItemID    string `json:"item_id" validate:"required,uuid"`
		LotID     string `json:"lot_id" validate:"omitempty,uuid"`
		LotNumber string `json:"lot_number" validate:"max=100"`
		ExpiresOn string `json:"expires_on" validate:"omitempty,datetime=2006-01-02"`
		Counted   *int64 `json:"counted" validate:"required,min=0,max=1000000000"`
		Reason    string `json:"reason" validate:"max=500" text:"free"`
	} `json:"lines" validate:"required,min=1,max=1000,dive"`
}

func (h *Handler) enter(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	var in linesIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	entries := make([]Entry, 0, len(in.Lines))
	for _, l := range in.Lines {
		entries = append(entries, Entry{ItemID: l.ItemID, LotID: l.LotID, LotNumber: l.LotNumber,
			ExpiresOn: l.ExpiresOn, Counted: *l.Counted, Reason: l.Reason})
	}
	x, err := h.s.Enter(httpjson.Ctx(c), id, entries)
	if err != nil {
		return err
	}
	return c.JSON(toSessionOut(x))
}

func (h *Handler) answer(c *fiber.Ctx, do func(ctx context.Context, id string) (Session, error)) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	x, err := do(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(toSessionOut(x))
}

type sessionOut struct {
	ID          string           `json:"id"`
	LocationID  string           `json:"location_id"`
	BranchID    string           `json:"branch_id"`
	Status      string           `json:"status"`
	SnapshotSeq int64            `json:"snapshot_seq"`
	StartedBy   *string          `json:"started_by"`
	StartedAt   string           `json:"started_at"`
	PostedAt    *string          `json:"posted_at"`
	Lines       []lineOut        `json:"lines"`
	Uncounted   int              `json:"uncounted"`
	Moves       []inventory.Move `json:"moves,omitempty"`
}

type lineOut struct {
	ItemID     string `json:"item_id"`
	ItemName   string `json:"item_name"`
	Unit       string `json:"unit"`
	LotID      string `json:"lot_id"`
	LotNumber  string `json:"lot_number"`
	ExpiresOn  string `json:"expires_on"`
	Expected   int64  `json:"expected"`
	Counted    *int64 `json:"counted"`
	Difference *int64 `json:"difference"`
	Reason     string `json:"reason"`
}

func toSessionOut(x Session) sessionOut {
	out := sessionOut{ID: x.ID, LocationID: x.LocationID, BranchID: x.BranchID, Status: x.Status,
		SnapshotSeq: x.SnapshotSeq, StartedBy: x.StartedBy, StartedAt: stamp(x.StartedAt),
		Lines: make([]lineOut, 0, len(x.Lines)), Uncounted: x.Uncounted(), Moves: x.Moves}
	if x.PostedAt != nil {
		p := stamp(*x.PostedAt)
		out.PostedAt = &p
	}
	for _, l := range x.Lines {
		out.Lines = append(out.Lines, lineOut{ItemID: l.ItemID, ItemName: l.ItemName, Unit: l.Unit, LotID: l.LotID,
			LotNumber: l.LotNumber, ExpiresOn: l.ExpiresOn, Expected: l.Expected, Counted: l.Counted,
			Difference: l.Difference(), Reason: l.Reason})
	}
	return out
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
