package inventory

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

func (h *Handler) ledgerRoutes(r fiber.Router) {
	r.Post("/api/v1/inventory/receipts", h.receive)
	r.Post("/api/v1/inventory/moves", h.record)
	r.Get("/api/v1/inventory/moves", h.moves)
	r.Post("/api/v1/inventory/moves/:id/reverse", h.reverse)
}

// receiptIn is goods arriving at a location outside a purchase order.
type receiptIn struct {
	LocationID string `json:"location_id" validate:"required,uuid"`
	Note       string `json:"note" validate:"max=1000" text:"free"`
	Lines      []struct {
		ItemID    string `json:"item_id" validate:"required,uuid"`
		Quantity  int64  `json:"quantity" validate:"required,min=1,max=1000000000"`
		LotNumber string `json:"lot_number" validate:"max=64"`
		ExpiresOn string `json:"expires_on" validate:"omitempty,datetime=2006-01-02"`
	} `json:"lines" validate:"required,min=1,max=200,dive"`
}

func (h *Handler) receive(c *fiber.Ctx) error {
	var in receiptIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	lines := make([]ReceiptLine, 0, len(in.Lines))
	for _, l := range in.Lines {
		lines = append(lines, ReceiptLine{ItemID: l.ItemID, Quantity: l.Quantity, LotNumber: l.LotNumber, ExpiresOn: l.ExpiresOn})
	}
	moves, err := h.s.Receive(httpjson.Ctx(c), in.LocationID, in.Note, lines)
	if err != nil {
		return err
	}
	return httpjson.Created(c, fiber.Map{"moves": moves})
}

// moveIn is a move recorded by hand.
type moveIn struct {
	ItemID        string  `json:"item_id" validate:"required,uuid"`
	LotID         string  `json:"lot_id" validate:"required,uuid"`
	From          *string `json:"from_location_id" validate:"omitempty,uuid"`
	To            *string `json:"to_location_id" validate:"omitempty,uuid"`
	Quantity      int64   `json:"quantity" validate:"required,min=1,max=1000000000"`
	Reason        string  `json:"reason" validate:"required,oneof=consumption transfer waste return correction"`
	AppointmentID *string `json:"appointment_id" validate:"omitempty,uuid"`
	Note          string  `json:"note" validate:"max=1000" text:"free"`
}

func (h *Handler) record(c *fiber.Ctx) error {
	var in moveIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	m, err := h.s.Record(httpjson.Ctx(c), MoveInput(in))
	if err != nil {
		return err
	}
	return httpjson.Created(c, m)
}

func (h *Handler) reverse(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrMoveNotFound)
	if err != nil {
		return err
	}
	// The body (a note) may be left out.
	var in struct {
		Note string `json:"note" validate:"max=1000" text:"free"`
	}
	if len(c.Body()) > 0 {
		if err := httpjson.Decode(c, &in); err != nil {
			return err
		}
	}
	m, err := h.s.Reverse(httpjson.Ctx(c), id, in.Note)
	if err != nil {
		return err
	}
	return httpjson.Created(c, m)
}

func (h *Handler) moves(c *fiber.Ctx) error {
	f, err := moveFilter(c)
	if err != nil {
		return err
	}
	moves, more, err := h.s.Moves(httpjson.Ctx(c), f)
	if err != nil {
		return err
	}
	out := fiber.Map{"items": moves}
	if more {
		out["next_cursor"] = strconv.FormatInt(moves[len(moves)-1].Seq, 10)
	}
	return c.JSON(out)
}

func moveFilter(c *fiber.Ctx) (MoveFilter, error) {
	var f MoveFilter
	var err error
	if f.BranchID, err = httpjson.Branch(c, c.Query("branch_id"), "branch_id"); err != nil {
		return f, err
	}
	for name, dst := range map[string]*string{"item_id": &f.ItemID, "location_id": &f.LocationID, "lot_id": &f.LotID} {
		if *dst, err = httpjson.OptionalUUID(c, name); err != nil {
			return f, err
		}
	}
	if f.From, f.To, err = period(c); err != nil {
		return f, err
	}
	if f.Limit, err = httpjson.PageLimit(c.Query("limit")); err != nil {
		return f, err
	}
	if cur := c.Query("cursor"); cur != "" {
		if f.Before, err = strconv.ParseInt(cur, 10, 64); err != nil || f.Before < 1 {
			return f, httpjson.ErrBadCursor
		}
	}
	return f, nil
}

// period reads from and to (RFC 3339 instants); absent, all of time.
func period(c *fiber.Ctx) (time.Time, time.Time, error) {
	from, to := time.Unix(0, 0).UTC(), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, dst := range map[string]*time.Time{"from": &from, "to": &to} {
		v := c.Query(name)
		if v == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return from, to, fault.Field(name, "date_time", "must be an RFC 3339 instant")
		}
		*dst = t.UTC()
	}
	if !to.After(from) {
		return from, to, fault.Field("to", "range", "must be after from")
	}
	return from, to, nil
}
