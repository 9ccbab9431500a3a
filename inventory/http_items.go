package inventory

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

func (h *Handler) catalogueRoutes(r fiber.Router) {
	r.Get("/api/v1/inventory/items", h.items)
	r.Post("/api/v1/inventory/items", h.createItem)
	r.Get("/api/v1/inventory/items/:id", h.item)
	r.Put("/api/v1/inventory/items/:id", h.updateItem)
	r.Put("/api/v1/inventory/items/:id/suppliers", h.setSources)
	r.Put("/api/v1/inventory/items/:id/levels", h.setLevel)
	r.Get("/api/v1/inventory/suppliers", h.suppliers)
	r.Post("/api/v1/inventory/suppliers", h.createSupplier)
}

// itemIn is an item as staff describe it.
type itemIn struct {
	SKU           string            `json:"sku" validate:"required,max=64"`
	Name          string            `json:"name" validate:"required,max=200"`
	Names         map[string]string `json:"names" validate:"max=4,dive,keys,oneof=en ru pl sv,endkeys,max=200"`
	Category      string            `json:"category" validate:"required,oneof=household dental_material medication instrument equipment"`
	Unit          string            `json:"unit" validate:"required,max=32"`
	PackUnit      string            `json:"pack_unit" validate:"required,max=32"`
	PackSize      int               `json:"pack_size" validate:"required,min=1,max=100000"`
	Board         string            `json:"board" validate:"required,oneof=front_desk head_nurse"`
	LotTracked    bool              `json:"lot_tracked"`
	ExpiryTracked bool              `json:"expiry_tracked"`
	Active        *bool             `json:"active"`
}

func (in itemIn) item() Item {
	i := Item{SKU: in.SKU, Name: in.Name, Names: in.Names, Category: in.Category, Unit: in.Unit, PackUnit: in.PackUnit,
		PackSize: in.PackSize, Board: in.Board, LotTracked: in.LotTracked, ExpiryTracked: in.ExpiryTracked, Active: true}
	if in.Active != nil {
		i.Active = *in.Active
	}
	if i.Names == nil {
		i.Names = map[string]string{}
	}
	return i
}

func (h *Handler) items(c *fiber.Ctx) error {
	f := ItemFilter{Category: c.Query("category"), Board: c.Query("board"), Inactive: c.QueryBool("inactive")}
	if err := httpjson.Validate(struct {
		Category string `json:"category" validate:"omitempty,oneof=household dental_material medication instrument equipment"`
		Board    string `json:"board" validate:"omitempty,oneof=front_desk head_nurse"`
	}{f.Category, f.Board}); err != nil {
		return err
	}
	limit, err := httpjson.PageLimit(c.Query("limit"))
	if err != nil {
		return err
	}
	f.Limit = limit
	afterName, afterID, err := itemCursor(c.Query("cursor"))
	if err != nil {
		return err
	}
	items, more, err := h.s.Items(httpjson.Ctx(c), f, afterName, afterID)
	if err != nil {
		return err
	}
	out := fiber.Map{"items": items}
	if more {
		last := items[len(items)-1]
		out["next_cursor"] = encodeCursor(last.Name, last.ID)
	}
	return c.JSON(out)
}

func (h *Handler) createItem(c *fiber.Ctx) error {
	var in itemIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	i, err := h.s.CreateItem(httpjson.Ctx(c), h.s.DB().W, in.item())
	if err != nil {
		return err
	}
	return httpjson.Created(c, i)
}

func (h *Handler) item(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrItemNotFound)
	if err != nil {
		return err
	}
	ctx := httpjson.Ctx(c)
	i, err := h.s.Item(ctx, h.s.DB().R, id)
	if err != nil {
		return err
	}
	src, err := h.s.Sources(ctx, h.s.DB().R, id)
	if err != nil {
		return err
	}
	lv, err := h.s.Levels(ctx, id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"item": i, "suppliers": src, "levels": lv})
}

func (h *Handler) updateItem(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrItemNotFound)
	if err != nil {
		return err
	}
	var in itemIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	i := in.item()
	i.ID = id
	out, err := h.s.UpdateItem(httpjson.Ctx(c), i)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// sourcesIn is the whole list of who sells an item.
type sourcesIn struct {
	Suppliers []struct {
		SupplierID      string `json:"supplier_id" validate:"required,uuid"`
		CatalogueNumber string `json:"catalogue_number" validate:"max=64"`
		PackPriceMinor  int64  `json:"pack_price_minor" validate:"min=0,max=100000000000"`
		Currency        string `json:"currency" validate:"required,iso4217"`
		LeadDays        int    `json:"lead_days" validate:"min=0,max=365"`
		Preferred       bool   `json:"preferred"`
	} `json:"suppliers" validate:"required,max=20,dive"`
}

func (h *Handler) setSources(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrItemNotFound)
	if err != nil {
		return err
	}
	var in sourcesIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	src := make([]Source, 0, len(in.Suppliers))
	for _, x := range in.Suppliers {
		src = append(src, Source{ItemID: id, SupplierID: x.SupplierID, CatalogueNumber: x.CatalogueNumber,
			PackPriceMinor: x.PackPriceMinor, Currency: x.Currency, LeadDays: x.LeadDays, Preferred: x.Preferred})
	}
	out, err := h.s.SetSources(httpjson.Ctx(c), id, src)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"suppliers": out})
}

// levelIn is an item's targets at one location.
type levelIn struct {
	LocationID string `json:"location_id" validate:"required,uuid"`
	Par        int64  `json:"par_level" validate:"min=0,max=1000000000"`
	Reorder    int64  `json:"reorder_point" validate:"min=0,max=1000000000"`
	Critical   int64  `json:"critical_level" validate:"min=0,max=1000000000"`
}

func (h *Handler) setLevel(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrItemNotFound)
	if err != nil {
		return err
	}
	var in levelIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	l, err := h.s.SetLevel(httpjson.Ctx(c), Level{ItemID: id, LocationID: in.LocationID, Par: in.Par, Reorder: in.Reorder,
		Critical: in.Critical})
	if err != nil {
		return err
	}
	return c.JSON(l)
}

// supplierIn is a supplier as staff describe it.
type supplierIn struct {
	Name   string `json:"name" validate:"required,max=200"`
	Email  string `json:"email" validate:"omitempty,email,max=254"`
	Phone  string `json:"phone" validate:"max=32"`
	Locale string `json:"locale" validate:"omitempty,oneof=en ru pl sv"`
}

func (h *Handler) suppliers(c *fiber.Ctx) error {
	out, err := h.s.Suppliers(httpjson.Ctx(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": out})
}

func (h *Handler) createSupplier(c *fiber.Ctx) error {
	var in supplierIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	if in.Locale == "" {
		in.Locale = "en"
	}
	sp, err := h.s.CreateSupplier(httpjson.Ctx(c), Supplier{Name: in.Name, Email: in.Email, Phone: in.Phone, Locale: in.Locale})
	if err != nil {
		return err
	}
	return httpjson.Created(c, sp)
}
