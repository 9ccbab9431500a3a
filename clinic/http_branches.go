package clinic

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

func (h *Handler) branchRoutes(r fiber.Router) {
	r.Get("/api/v1/branches", h.listBranches)
	r.Post("/api/v1/branches", h.createBranch)
	r.Get("/api/v1/branches/:id", h.getBranch)
	r.Patch("/api/v1/branches/:id", h.updateBranch)
	r.Post("/api/v1/branches/:id/deactivate", h.deactivateBranch)
}

type intervalIn struct {
	Open  string `json:"open" validate:"required,max=5"`
	Close string `json:"close" validate:"required,max=5"`
}

type hoursIn map[string][]intervalIn

func (in hoursIn) hours() OpeningHours {
	out := OpeningHours{}
	for day, spans := range in {
		for _, s := range spans {
			out[day] = append(out[day], Interval(s))
		}
		if out[day] == nil {
			out[day] = []Interval{}
		}
	}
	return out
}

type branchCreate struct {
	Name         string  `json:"name" validate:"required,max=200"`
	Address      string  `json:"address" validate:"max=500" text:"free"`
	Phone        string  `json:"phone" validate:"max=40"`
	Country      string  `json:"country" validate:"required,max=2,iso3166_1_alpha2"`
	TimeZone     string  `json:"time_zone" validate:"required,max=64"`
	Locale       string  `json:"locale" validate:"required,max=2,oneof=en ru pl sv"`
	Currency     string  `json:"currency" validate:"required,max=3,iso4217"`
	OpeningHours hoursIn `json:"opening_hours" validate:"max=7,dive,keys,max=3,endkeys,max=8"`
}

type branchPatch struct {
	Name         *string  `json:"name" validate:"omitnil,max=200"`
	Address      *string  `json:"address" validate:"omitnil,max=500" text:"free"`
	Phone        *string  `json:"phone" validate:"omitnil,max=40"`
	Country      *string  `json:"country" validate:"omitnil,max=2,iso3166_1_alpha2"`
	TimeZone     *string  `json:"time_zone" validate:"omitnil,max=64"`
	Locale       *string  `json:"locale" validate:"omitnil,max=2,oneof=en ru pl sv"`
	Currency     *string  `json:"currency" validate:"omitnil,max=3,iso4217"`
	OpeningHours *hoursIn `json:"opening_hours" validate:"omitnil,max=7,dive,keys,max=3,endkeys,max=8"`
}

type branchOut struct {
	ID           string       `json:"id"`
	Name         string       `json:"name"`
	Address      string       `json:"address"`
	Phone        string       `json:"phone"`
	Country      string       `json:"country"`
	TimeZone     string       `json:"time_zone"`
	Locale       string       `json:"locale"`
	Currency     string       `json:"currency"`
	OpeningHours OpeningHours `json:"opening_hours"`
	Active       bool         `json:"active"`
	CreatedAt    string       `json:"created_at"`
	UpdatedAt    string       `json:"updated_at"`
}

func toBranchOut(b Branch) branchOut {
	return branchOut{ID: b.ID, Name: b.Name, Address: b.Address, Phone: b.Phone, Country: b.Country,
		TimeZone: b.TimeZone, Locale: b.Locale, Currency: b.Currency, OpeningHours: b.Hours,
		Active: b.Active, CreatedAt: stamp(b.CreatedAt), UpdatedAt: stamp(b.UpdatedAt)}
}

func (h *Handler) listBranches(c *fiber.Ctx) error {
	q, err := parseList(c)
	if err != nil {
		return err
	}
	p, err := h.s.Branches(httpjson.Ctx(c), BranchFilter{Active: q.Active, Cursor: q.Cursor, Limit: q.Limit})
	return answer(c, toPage(p, toBranchOut), err)
}

func (h *Handler) createBranch(c *fiber.Ctx) error {
	var in branchCreate
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	b, err := h.s.CreateBranch(httpjson.Ctx(c), BranchInput{Name: in.Name, Address: in.Address,
		Phone: in.Phone, Country: in.Country, TimeZone: in.TimeZone, Locale: in.Locale,
		Currency: in.Currency, Hours: in.OpeningHours.hours()})
	if err != nil {
		return err
	}
	return httpjson.Created(c, toBranchOut(b))
}

func (h *Handler) getBranch(c *fiber.Ctx) error {
	id, err := pathID(c, ErrBranchNotFound)
	if err != nil {
		return err
	}
	b, err := h.s.Branch(httpjson.Ctx(c), id)
	return answer(c, toBranchOut(b), err)
}

func (h *Handler) updateBranch(c *fiber.Ctx) error {
	id, err := pathID(c, ErrBranchNotFound)
	if err != nil {
		return err
	}
	var in branchPatch
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	p := BranchPatch{Name: in.Name, Address: in.Address, Phone: in.Phone, Country: in.Country,
		TimeZone: in.TimeZone, Locale: in.Locale, Currency: in.Currency}
	if in.OpeningHours != nil {
		hours := in.OpeningHours.hours()
		p.Hours = &hours
	}
	b, err := h.s.UpdateBranch(httpjson.Ctx(c), id, p)
	return answer(c, toBranchOut(b), err)
}

func (h *Handler) deactivateBranch(c *fiber.Ctx) error {
	id, err := pathID(c, ErrBranchNotFound)
	if err != nil {
		return err
	}
	b, err := h.s.DeactivateBranch(httpjson.Ctx(c), id)
	return answer(c, toBranchOut(b), err)
}
