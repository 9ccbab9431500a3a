package messaging

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// channelOut is a branch channel with its secrets cut short.
type channelOut struct {
	Medium    string            `json:"medium"`
	Provider  string            `json:"provider"`
	Settings  map[string]string `json:"settings"`
	Enabled   bool              `json:"enabled"`
	UpdatedAt string            `json:"updated_at"`
}

// channelIn is one channel of a PUT.
type channelIn struct {
	Medium   string            `json:"medium" validate:"required"`
	Provider string            `json:"provider" validate:"required"`
	Settings map[string]string `json:"settings"`
	Enabled  bool              `json:"enabled"`
}

// channelsIn replaces a branch's channels. The list is required and only a nil slice
// fails `required`: `{}` or null must not silently clear every channel, `[]` does.
type channelsIn struct {
	Channels []channelIn `json:"channels" validate:"required,max=3,dive"`
}

func channelsOut(list []BranchChannel) fiber.Map {
	out := make([]channelOut, 0, len(list))
	for _, c := range list {
		out = append(out, channelOut{Medium: c.Medium, Provider: c.Provider, Settings: c.Redacted(), Enabled: c.Enabled,
			UpdatedAt: stamp(c.UpdatedAt)})
	}
	return fiber.Map{"channels": out}
}

func (h *Handler) getChannels(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrBranchNotFound)
	if err != nil {
		return err
	}
	list, err := h.s.BranchChannels(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(channelsOut(list))
}

func (h *Handler) putChannels(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrBranchNotFound)
	if err != nil {
		return err
	}
	var in channelsIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	list := make([]BranchChannel, 0, len(in.Channels))
	for _, ch := range in.Channels {
		if ch.Settings == nil {
			ch.Settings = map[string]string{}
		}
		list = append(list, BranchChannel{BranchID: id, Medium: ch.Medium, Provider: ch.Provider, Settings: ch.Settings,
			Enabled: ch.Enabled})
	}
	saved, err := h.s.SetBranchChannels(httpjson.Ctx(c), id, list)
	if err != nil {
		return err
	}
	return c.JSON(channelsOut(saved))
}
