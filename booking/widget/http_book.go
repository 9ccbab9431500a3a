package widget

import (
	"bytes"
	"html/template"
	"slices"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
)

// bookPage is what the booking page shows: a branch's widget, opened on a service
// when the link names one (recall messages do), in the patient's language.
type bookPage struct {
	BranchID   string
	BranchName string
	Address    string
	ServiceID  string
	Locale     string
	ScriptURL  string
	// Icon is the icon of every patient page.
	Icon template.URL
}

// bookCSP lets the booking page load the widget from this server and nothing else.
const bookCSP = "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' https: data:; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// book serves /book/{branch}?service=&locale=: the clinic's own booking page, for
// links in messages (the clinic's website may embed the widget elsewhere). A service
// the branch does not book online is left to the widget, which starts at the list.
func (h *Handler) book(c *fiber.Ctx) error {
	id, err := uuid.Parse(c.Params("branch"))
	if err != nil {
		return clinic.ErrBranchNotFound
	}
	b, err := h.s.dir.Branch(asSystem(c.UserContext()), id.String())
	if err != nil || !b.Active {
		return clinic.ErrBranchNotFound
	}
	p := bookPage{BranchID: b.ID, BranchName: b.Name, Address: b.Address, Locale: b.Locale,
		ScriptURL: "/widget.js?v=" + script.version, Icon: patientpage.FaviconURL}
	if s, err := uuid.Parse(c.Query("service")); err == nil {
		p.ServiceID = s.String()
	}
	if l := c.Query("locale"); slices.Contains(clinic.Locales, l) {
		p.Locale = l
	}
	var buf bytes.Buffer
	if err := bookHTML.Execute(&buf, p); err != nil {
		return err
	}
	c.Set("Content-Security-Policy", bookCSP)
	c.Set(fiber.HeaderCacheControl, "no-cache")
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(buf.Bytes())
}
