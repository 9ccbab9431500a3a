package purchasing

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// lineIn is an order line on the wire; without pack_price_minor the supplier's price.
type lineIn struct {
	ItemID         string `json:"item_id" validate:"required,uuid"`
	Packs          int    `json:"packs" validate:"gte=1,lte=100000"`
	PackPriceMinor *int64 `json:"pack_price_minor" validate:"omitempty,gte=0,lte=100000000000"`
}

// orderIn makes a draft: its lines, or from_suggestion for the branch's suggestion.
type orderIn struct {
	BranchID       string   `json:"branch_id" validate:"required,uuid"`
	SupplierID     string   `json:"supplier_id" validate:"required,uuid"`
	LocationID     string   `json:"location_id" validate:"required,uuid"`
	Note           string   `json:"note" text:"free" validate:"max=2000"`
	FromSuggestion bool     `json:"from_suggestion"`
	Lines          []lineIn `json:"lines" validate:"max=500,dive"`
}

// draftIn is the whole editable state of a draft.
type draftIn struct {
	LocationID string   `json:"location_id" validate:"required,uuid"`
	Note       string   `json:"note" text:"free" validate:"max=2000"`
	Lines      []lineIn `json:"lines" validate:"required,min=1,max=500,dive"`
}

func toLines(in []lineIn) []LineInput {
	out := make([]LineInput, 0, len(in))
	for _, l := range in {
		out = append(out, LineInput(l))
	}
	return out
}

func (h *Handler) create(c *fiber.Ctx) error {
	var in orderIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	if in.FromSuggestion && len(in.Lines) > 0 {
		return fault.Field("lines", "excluded", "leave lines out when the order is made from the suggestion")
	}
	o, err := h.s.CreateOrder(httpjson.Ctx(c), OrderInput{BranchID: in.BranchID, SupplierID: in.SupplierID,
		LocationID: in.LocationID, Note: in.Note, FromSuggestion: in.FromSuggestion, Lines: toLines(in.Lines)})
	if err != nil {
		return err
	}
	return httpjson.Created(c, o)
}

func (h *Handler) edit(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrOrderNotFound)
	if err != nil {
		return err
	}
	var in draftIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	o, err := h.s.EditOrder(httpjson.Ctx(c), id, OrderInput{LocationID: in.LocationID, Note: in.Note, Lines: toLines(in.Lines)})
	if err != nil {
		return err
	}
	return c.JSON(o)
}

func (h *Handler) send(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrOrderNotFound)
	if err != nil {
		return err
	}
	o, err := h.s.Send(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(o)
}

func (h *Handler) cancel(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrOrderNotFound)
	if err != nil {
		return err
	}
	o, err := h.s.CancelOrder(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(o)
}

// receiptIn is one delivery: units per order line and lot.
type receiptIn struct {
	Lines []struct {
		LineID    string `json:"line_id" validate:"required,uuid"`
		Quantity  int64  `json:"quantity" validate:"gte=1,lte=1000000000"`
		LotID     string `json:"lot_id" validate:"omitempty,uuid"`
		LotNumber string `json:"lot_number" validate:"max=100"`
		ExpiresOn string `json:"expires_on" validate:"max=10"`
	} `json:"lines" validate:"required,min=1,max=500,dive"`
}

func (h *Handler) receive(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrOrderNotFound)
	if err != nil {
		return err
	}
	var in receiptIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	lines := make([]ReceiptLine, 0, len(in.Lines))
	for _, l := range in.Lines {
		lines = append(lines, ReceiptLine(l))
	}
	r, err := h.s.Receive(httpjson.Ctx(c), id, lines)
	if err != nil {
		return err
	}
	return httpjson.Created(c, r)
}
