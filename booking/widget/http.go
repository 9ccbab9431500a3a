package widget

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is the widget's HTTP side: the script, the demo page, the public catalog and
// .ics, the owners' origins API, and the CORS check of the public API.
type Handler struct{ s *Service }

// NewHandler returns the widget's HTTP side over s.
func NewHandler(s *Service) *Handler { return &Handler{s: s} }

// Routes mounts the widget's routes (the `// widget` block of api/policy.go).
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/widget.js", h.script)
	r.Get("/widget/demo", h.demo)
	r.Get("/widget/demo.css", h.demoCSS)
	r.Get("/book/:branch", h.book)
	r.Get("/api/v1/public/branches/:id", h.catalog)
	r.Get("/api/v1/public/visits/:token/visit.ics", h.visitICS)
	r.Get("/api/v1/branches/:id/widget-origins", h.origins)
	r.Put("/api/v1/branches/:id/widget-origins", h.setOrigins)
}

type serviceOut struct {
	ID              string            `json:"id"`
	Names           map[string]string `json:"names"`
	DurationMinutes int               `json:"duration_minutes"`
	PriceMinor      int64             `json:"price_minor"`
	Currency        string            `json:"currency"`
	// ChangeWindowMinutes: a visit starting sooner than this cannot be changed online.
	ChangeWindowMinutes int `json:"change_window_minutes"`
}

type doctorOut struct {
	ID          string   `json:"id"`
	DisplayName string   `json:"display_name"`
	Specialty   string   `json:"specialty"`
	PhotoURL    *string  `json:"photo_url"`
	ServiceIDs  []string `json:"service_ids"`
}

type catalogOut struct {
	ID       string       `json:"id"`
	Name     string       `json:"name"`
	Address  string       `json:"address"`
	Phone    string       `json:"phone"`
	Country  string       `json:"country"`
	TimeZone string       `json:"time_zone"`
	Locale   string       `json:"locale"`
	Currency string       `json:"currency"`
	Services []serviceOut `json:"services"`
	Doctors  []doctorOut  `json:"doctors"`
}

func toCatalogOut(c Catalog) catalogOut {
	b := c.Branch
	out := catalogOut{ID: b.ID, Name: b.Name, Address: b.Address, Phone: b.Phone, Country: b.Country,
		TimeZone: b.TimeZone, Locale: b.Locale, Currency: b.Currency,
		Services: make([]serviceOut, len(c.Services)), Doctors: make([]doctorOut, len(c.Doctors))}
	for i, p := range c.Services {
		out.Services[i] = serviceOut{ID: p.ID, Names: p.Names, DurationMinutes: p.DurationMinutes,
			PriceMinor: p.PriceMinor, Currency: p.Currency, ChangeWindowMinutes: int(c.ChangeWindows[p.ID] / time.Minute)}
	}
	for i, d := range c.Doctors {
		out.Doctors[i] = doctorOut{ID: d.ID, DisplayName: d.DisplayName, Specialty: d.Specialty,
			ServiceIDs: d.ServiceIDs}
		if d.PhotoURL != "" {
			out.Doctors[i].PhotoURL = &d.PhotoURL
		}
	}
	return out
}

// catalogMaxAge lets a patient's browser reuse the catalog for a minute.
const catalogMaxAge = "public, max-age=60"

func (h *Handler) catalog(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	cat, err := h.s.Catalog(c.UserContext(), id)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, catalogMaxAge)
	return c.JSON(toCatalogOut(cat))
}

func (h *Handler) visitICS(c *fiber.Ctx) error {
	body, err := h.s.VisitICS(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="visit.ics"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(body)
}

type originsOut struct {
	BranchID string   `json:"branch_id"`
	Origins  []string `json:"origins"`
}

type originsBody struct {
	Origins []string `json:"origins" validate:"required,max=100,dive,max=300"`
}

func (h *Handler) origins(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	list, err := h.s.Origins(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(originsOut{BranchID: id, Origins: list})
}

func (h *Handler) setOrigins(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", clinic.ErrBranchNotFound)
	if err != nil {
		return err
	}
	var b originsBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	list, err := h.s.SetOrigins(c.UserContext(), id, b.Origins)
	if err != nil {
		return err
	}
	return c.JSON(originsOut{BranchID: id, Origins: list})
}
