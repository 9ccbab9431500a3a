package telephony

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// lineOut is a phone line on the wire; Token and WebhookURL only when just created.
type lineOut struct {
	ID         string     `json:"id"`
	BranchID   string     `json:"branch_id"`
	Provider   string     `json:"provider"`
	Name       string     `json:"name"`
	AllowedIPs []string   `json:"allowed_ips"`
	CreatedAt  time.Time  `json:"created_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	Token      string     `json:"token,omitempty"`
	WebhookURL string     `json:"webhook_url,omitempty"`
	LookupURL  string     `json:"lookup_url,omitempty"`
}

func (h *Handler) toLineOut(l Line, tok string) lineOut {
	out := lineOut{ID: l.ID, BranchID: l.BranchID, Provider: l.Provider, Name: l.Name, CreatedAt: l.CreatedAt,
		RevokedAt: l.RevokedAt, AllowedIPs: l.allowList()}
	if tok != "" {
		base := h.publicURL + "/api/v1/telephony/" + tok
		out.Token, out.WebhookURL, out.LookupURL = tok, base+webhookPath[l.Provider], base+"/lookup"
	}
	return out
}

// webhookPath is where each provider is told to post, under the line's base URL.
var webhookPath = map[string]string{Generic: "/events", Zadarma: "/zadarma", Mango: "/mango", Twilio: "/twilio"}

// liveOut is a live call with the caller's cards; no card is a new caller.
type liveOut struct {
	Call
	NewCaller bool   `json:"new_caller"`
	Cards     []Card `json:"cards"`
}

func (h *Handler) live(c *fiber.Ctx) error {
	b, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	calls, err := h.s.Live(httpjson.Ctx(c), b)
	if err != nil {
		return err
	}
	items := make([]liveOut, 0, len(calls))
	for _, lc := range calls {
		items = append(items, liveOut{Call: lc.Call, NewCaller: len(lc.Cards) == 0, Cards: lc.Cards})
	}
	return c.JSON(fiber.Map{"items": items})
}

func (h *Handler) log(c *fiber.Ctx) error {
	f, err := readCallFilter(c)
	if err != nil {
		return err
	}
	page, err := h.s.Calls(httpjson.Ctx(c), f)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": page.Items, "next_cursor": page.Next})
}

func readCallFilter(c *fiber.Ctx) (CallFilter, error) {
	b, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return CallFilter{}, err
	}
	f := CallFilter{BranchID: b, Cursor: c.Query("cursor")}
	if f.From, err = instantParam(c, "from"); err != nil {
		return f, err
	}
	if f.To, err = instantParam(c, "to"); err != nil {
		return f, err
	}
	f.Limit, err = httpjson.PageLimit(c.Query("limit"))
	return f, err
}

func instantParam(c *fiber.Ctx, name string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, c.Query(name))
	if err != nil {
		return t, fault.Field(name, "datetime", "must be a date-time in RFC 3339 with offset")
	}
	return t.UTC(), nil
}

func (h *Handler) callEvents(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrCallNotFound)
	if err != nil {
		return err
	}
	call, evs, err := h.s.CallEvents(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"call": call, "events": evs})
}
