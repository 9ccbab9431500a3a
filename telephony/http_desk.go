package telephony

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// deskRoutes are the staff's: lines, extensions, thresholds, the live calls and the log.
func (h *Handler) deskRoutes(r fiber.Router) {
	r.Get("/api/v1/phone-lines", h.lines)
	r.Post("/api/v1/phone-lines", h.createLine)
	r.Post("/api/v1/phone-lines/:id/revoke", h.revokeLine)
	r.Put("/api/v1/phone-lines/:id/extensions", h.setExtensions)
	r.Get("/api/v1/branches/:id/telephony", h.settings)
	r.Put("/api/v1/branches/:id/telephony", h.saveSettings)
	r.Get("/api/v1/calls/live", h.live)
	r.Get("/api/v1/calls/figures", h.figures)
	r.Get("/api/v1/calls", h.log)
	r.Get("/api/v1/calls/:id/events", h.callEvents)
}

func (h *Handler) lines(c *fiber.Ctx) error {
	b, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	ls, err := h.s.Lines(httpjson.Ctx(c), b)
	if err != nil {
		return err
	}
	items := make([]lineOut, 0, len(ls))
	for _, l := range ls {
		items = append(items, h.toLineOut(l, ""))
	}
	return c.JSON(fiber.Map{"items": items})
}

// lineIn connects a phone system to a branch.
type lineIn struct {
	BranchID   string   `json:"branch_id" validate:"required,uuid"`
	Provider   string   `json:"provider" validate:"required,oneof=generic zadarma mango twilio"`
	Name       string   `json:"name" validate:"max=200"`
	APIKey     string   `json:"api_key" validate:"max=200"`
	Secret     string   `json:"secret" validate:"max=200"`
	AllowedIPs []string `json:"allowed_ips" validate:"max=50,dive,max=64"`
}

func (h *Handler) createLine(c *fiber.Ctx) error {
	var in lineIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	l, tok, err := h.s.CreateLine(httpjson.Ctx(c), LineInput(in))
	if err != nil {
		return err
	}
	return httpjson.Created(c, h.toLineOut(l, tok))
}

func (h *Handler) revokeLine(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrLineNotFound)
	if err != nil {
		return err
	}
	l, err := h.s.RevokeLine(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(h.toLineOut(l, ""))
}

// extensionsIn is the whole list of a line's extensions.
type extensionsIn struct {
	Extensions []struct {
		Extension string `json:"extension" validate:"required,max=64"`
		StaffID   string `json:"staff_id" validate:"required,uuid"`
	} `json:"extensions" validate:"required,max=500,dive"`
}

func (h *Handler) setExtensions(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrLineNotFound)
	if err != nil {
		return err
	}
	var in extensionsIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	ext := make([]Extension, 0, len(in.Extensions))
	for _, e := range in.Extensions {
		ext = append(ext, Extension{Extension: e.Extension, StaffID: e.StaffID})
	}
	out, err := h.s.SetExtensions(httpjson.Ctx(c), id, ext)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"extensions": out})
}

// settingsIO is a branch's thresholds on the wire.
type settingsIO struct {
	ShortAbandonSeconds int `json:"short_abandon_seconds" validate:"min=0,max=120"`
	CallbackMinutes     int `json:"callback_minutes" validate:"min=1,max=1440"`
}

func (h *Handler) settings(c *fiber.Ctx) error {
	b, err := httpjson.Branch(c, c.Params("id"), "id")
	if err != nil {
		return err
	}
	st, err := h.s.Settings(httpjson.Ctx(c), b)
	if err != nil {
		return err
	}
	return c.JSON(toSettingsIO(st))
}

func (h *Handler) saveSettings(c *fiber.Ctx) error {
	b, err := httpjson.Branch(c, c.Params("id"), "id")
	if err != nil {
		return err
	}
	var in settingsIO
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	st, err := h.s.SaveSettings(httpjson.Ctx(c), b, Settings{ShortAbandon: time.Duration(in.ShortAbandonSeconds) * time.Second,
		CallbackTarget: time.Duration(in.CallbackMinutes) * time.Minute})
	if err != nil {
		return err
	}
	return c.JSON(toSettingsIO(st))
}

func toSettingsIO(st Settings) settingsIO {
	return settingsIO{ShortAbandonSeconds: int(st.ShortAbandon / time.Second), CallbackMinutes: int(st.CallbackTarget / time.Minute)}
}
