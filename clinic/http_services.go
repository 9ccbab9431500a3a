package clinic

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// The API calls price-list entries "services" (what clinics call them); the Go type is
// Procedure.

func (h *Handler) serviceRoutes(r fiber.Router) {
	r.Get("/api/v1/services", h.listServices)
	r.Post("/api/v1/services", h.createService)
	r.Get("/api/v1/services/:id", h.getService)
	r.Patch("/api/v1/services/:id", h.updateService)
	r.Post("/api/v1/services/:id/deactivate", h.deactivateService)
}

type serviceCreate struct {
	Code              string            `json:"code" validate:"required,max=64"`
	Names             map[string]string `json:"names" validate:"required,max=4,dive,keys,max=2,endkeys,max=200"`
	DurationMinutes   int               `json:"duration_minutes" validate:"required,min=5,max=480"`
	PriceMinor        *int64            `json:"price_minor" validate:"required,min=0"`
	Currency          string            `json:"currency" validate:"required,max=3,iso4217"`
	ChairCapability   string            `json:"chair_capability" validate:"max=32"`
	RequiredDocuments []string          `json:"required_documents" validate:"max=20,dive,max=32"`
}

type servicePatch struct {
	Code              *string            `json:"code" validate:"omitnil,max=64"`
	Names             *map[string]string `json:"names" validate:"omitnil,max=4,dive,keys,max=2,endkeys,max=200"`
	DurationMinutes   *int               `json:"duration_minutes" validate:"omitnil,min=5,max=480"`
	PriceMinor        *int64             `json:"price_minor" validate:"omitnil,min=0"`
	Currency          *string            `json:"currency" validate:"omitnil,max=3,iso4217"`
	ChairCapability   *string            `json:"chair_capability" validate:"omitnil,max=32"`
	RequiredDocuments *[]string          `json:"required_documents" validate:"omitnil,max=20,dive,max=32"`
}

type serviceOut struct {
	ID                string            `json:"id"`
	Code              string            `json:"code"`
	Names             map[string]string `json:"names"`
	DurationMinutes   int               `json:"duration_minutes"`
	PriceMinor        int64             `json:"price_minor"`
	Currency          string            `json:"currency"`
	ChairCapability   string            `json:"chair_capability"`
	RequiredDocuments []string          `json:"required_documents"`
	Active            bool              `json:"active"`
	CreatedAt         string            `json:"created_at"`
	UpdatedAt         string            `json:"updated_at"`
}

func toServiceOut(p Procedure) serviceOut {
	return serviceOut{ID: p.ID, Code: p.Code, Names: p.Names, DurationMinutes: p.DurationMinutes,
		PriceMinor: p.PriceMinor, Currency: p.Currency, ChairCapability: p.ChairCapability,
		RequiredDocuments: orEmpty(p.RequiredDocuments), Active: p.Active,
		CreatedAt: stamp(p.CreatedAt), UpdatedAt: stamp(p.UpdatedAt)}
}

func (h *Handler) listServices(c *fiber.Ctx) error {
	q, err := parseList(c)
	if err != nil {
		return err
	}
	p, err := h.s.Procedures(httpjson.Ctx(c), ProcedureFilter{Active: q.Active, Cursor: q.Cursor, Limit: q.Limit})
	return answer(c, toPage(p, toServiceOut), err)
}

func (h *Handler) createService(c *fiber.Ctx) error {
	var in serviceCreate
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	p, err := h.s.CreateProcedure(httpjson.Ctx(c), ProcedureInput{Code: in.Code, Names: in.Names,
		DurationMinutes: in.DurationMinutes, PriceMinor: *in.PriceMinor, Currency: in.Currency,
		ChairCapability: in.ChairCapability, RequiredDocuments: in.RequiredDocuments})
	if err != nil {
		return err
	}
	return httpjson.Created(c, toServiceOut(p))
}

func (h *Handler) getService(c *fiber.Ctx) error {
	id, err := pathID(c, ErrServiceNotFound)
	if err != nil {
		return err
	}
	p, err := h.s.Procedure(httpjson.Ctx(c), id)
	return answer(c, toServiceOut(p), err)
}

func (h *Handler) updateService(c *fiber.Ctx) error {
	id, err := pathID(c, ErrServiceNotFound)
	if err != nil {
		return err
	}
	var in servicePatch
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	p, err := h.s.UpdateProcedure(httpjson.Ctx(c), id, ProcedurePatch(in))
	return answer(c, toServiceOut(p), err)
}

func (h *Handler) deactivateService(c *fiber.Ctx) error {
	id, err := pathID(c, ErrServiceNotFound)
	if err != nil {
		return err
	}
	p, err := h.s.DeactivateProcedure(httpjson.Ctx(c), id)
	return answer(c, toServiceOut(p), err)
}
