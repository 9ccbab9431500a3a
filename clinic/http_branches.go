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
	legalIn
}

// legalIn are a branch's legal details as created; all optional.
type legalIn struct {
	LegalName             string `json:"legal_name" validate:"max=300" text:"free"`
	TaxNumber             string `json:"tax_number" validate:"max=40"`
	CompanyNumber         string `json:"company_number" validate:"max=40"`
	MedicalRegisterNumber string `json:"medical_register_number" validate:"max=60"`
	Licence               string `json:"licence" validate:"max=300" text:"free"`
	Email                 string `json:"email" validate:"max=254"`
	ContractPrefix        string `json:"contract_prefix" validate:"max=10"`
	ConsentAge            int    `json:"consent_age" validate:"min=0,max=21"`
}

func (in legalIn) legal() BranchLegal { return BranchLegal(in) }

// legalPatch are a branch's legal details as patched.
type legalPatch struct {
	LegalName             *string `json:"legal_name" validate:"omitnil,max=300" text:"free"`
	TaxNumber             *string `json:"tax_number" validate:"omitnil,max=40"`
	CompanyNumber         *string `json:"company_number" validate:"omitnil,max=40"`
	MedicalRegisterNumber *string `json:"medical_register_number" validate:"omitnil,max=60"`
	Licence               *string `json:"licence" validate:"omitnil,max=300" text:"free"`
	Email                 *string `json:"email" validate:"omitnil,max=254"`
	ContractPrefix        *string `json:"contract_prefix" validate:"omitnil,max=10"`
	ConsentAge            *int    `json:"consent_age" validate:"omitnil,min=0,max=21"`
}

func (in legalPatch) patch() BranchLegalPatch { return BranchLegalPatch(in) }

type branchPatch struct {
	Name         *string  `json:"name" validate:"omitnil,max=200"`
	Address      *string  `json:"address" validate:"omitnil,max=500" text:"free"`
	Phone        *string  `json:"phone" validate:"omitnil,max=40"`
	Country      *string  `json:"country" validate:"omitnil,max=2,iso3166_1_alpha2"`
	TimeZone     *string  `json:"time_zone" validate:"omitnil,max=64"`
	Locale       *string  `json:"locale" validate:"omitnil,max=2,oneof=en ru pl sv"`
	Currency     *string  `json:"currency" validate:"omitnil,max=3,iso4217"`
	OpeningHours *hoursIn `json:"opening_hours" validate:"omitnil,max=7,dive,keys,max=3,endkeys,max=8"`
	legalPatch
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
	legalOut
	Active    bool   `json:"active"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
}

// legalOut are a branch's legal details; consent_age is the age in force (the
// branch's own, else its country's default).
type legalOut struct {
	LegalName             string `json:"legal_name"`
	TaxNumber             string `json:"tax_number"`
	CompanyNumber         string `json:"company_number"`
	MedicalRegisterNumber string `json:"medical_register_number"`
	Licence               string `json:"licence"`
	Email                 string `json:"email"`
	ContractPrefix        string `json:"contract_prefix"`
	ConsentAge            int    `json:"consent_age"`
}

func toBranchOut(b Branch) branchOut {
	l := b.Legal
	l.ConsentAge = ConsentAgeOf(b)
	return branchOut{ID: b.ID, Name: b.Name, Address: b.Address, Phone: b.Phone, Country: b.Country,
		TimeZone: b.TimeZone, Locale: b.Locale, Currency: b.Currency, OpeningHours: b.Hours, legalOut: legalOut(l),
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
		Currency: in.Currency, Hours: in.OpeningHours.hours(), Legal: in.legal()})
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
		TimeZone: in.TimeZone, Locale: in.Locale, Currency: in.Currency, Legal: in.patch()}
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
