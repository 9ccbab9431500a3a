package console

import (
	"bytes"
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// oneClick are the lifecycle steps a row's button takes with nothing to ask.
var oneClick = map[string]booking.Action{
	"check-in": booking.ActionCheckIn,
	"complete": booking.ActionComplete,
	"no-show":  booking.ActionNoShow,
}

// moveVisit takes a one-click step and goes back to the day (303); a refusal is a
// page in the staff member's language saying why.
func (c *Console) moveVisit(fc *fiber.Ctx) error {
	action, ok := oneClick[fc.Params("action")]
	if !ok {
		return c.notFound(fc)
	}
	if _, err := c.svc.Booking.Move(fc.UserContext(), fc.Params("id"), booking.Change{Action: action}); err != nil {
		return c.refused(fc, err)
	}
	return c.backToDay(fc)
}

// backToDay answers an action with 303 to the day it was taken on.
func (c *Console) backToDay(fc *fiber.Ctx) error {
	return fc.Redirect(dayBack(fc.FormValue("back")), fiber.StatusSeeOther)
}

// dayBack keeps an action's way back on the Today page.
func dayBack(back string) string {
	if !strings.HasPrefix(back, "/console/today") || strings.HasPrefix(back, "/console/today/") {
		return "/console/today"
	}
	return back
}

// refused answers a refused step: the service's reason in the staff member's words
// (the console's own where it has them), with the way back to the day.
func (c *Console) refused(fc *fiber.Ctx, err error) error {
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Kind == fault.NotFound || fe.Kind == fault.Forbidden ||
		fe.Kind == fault.Unavailable || fe.Kind == fault.Upstream {
		return c.fail(fc, err)
	}
	lang := c.visitLang(fc)
	msg := problemText(lang, fe)
	if key := refusalKey(err); key != "" {
		msg = T(lang, key)
	}
	v := errorView{Frame: c.frame(fc, lang, T(lang, "error.title"), "today"), Message: msg, Back: dayBack(fc.FormValue("back"))}
	return c.render(fc, statusOf(fe.Kind), "error", v)
}

// refusals are the refusals the Today page has its own words for, the most
// particular first.
var refusals = []struct {
	err error
	key string
}{
	{booking.ErrNoShowTooEarly, "today.refused.no_show_early"},
	{booking.ErrInvalidTransition, "today.refused.invalid_transition"},
	{documents.ErrVisitCancelled, "today.refused.no_pack"},
	{documents.ErrNotAVisit, "today.refused.no_pack"},
	{documents.ErrNoPatient, "today.refused.no_pack"},
}

// refusalKey is the text key of a refusal the page has words for, "" otherwise.
func refusalKey(err error) string {
	for _, r := range refusals {
		if errors.Is(err, r.err) {
			return r.key
		}
	}
	return ""
}

// visitLang is the page's language for an action on the visit of the path: the
// staff member's, else its branch's.
func (c *Console) visitLang(fc *fiber.Ctx) string {
	ctx := fc.UserContext()
	if v, err := c.svc.Booking.Get(ctx, fc.Params("id")); err == nil {
		if b, err := c.svc.Clinic.Branch(ctx, v.BranchID); err == nil {
			return c.lang(fc, b.Locale)
		}
	}
	return c.lang(fc, "")
}

// visitDesk reads a visit and its branch, and starts a page about it in the language
// of the staff member or that branch.
func (c *Console) visitDesk(fc *fiber.Ctx, titleKey string) (visit.Visit, clinic.Branch, Frame, error) {
	ctx := fc.UserContext()
	v, err := c.svc.Booking.Get(ctx, fc.Params("id"))
	if err != nil {
		return v, clinic.Branch{}, Frame{}, err
	}
	b, err := c.svc.Clinic.Branch(ctx, v.BranchID)
	if err != nil {
		return v, b, Frame{}, err
	}
	lang := c.lang(fc, b.Locale)
	f := c.frame(fc, lang, T(lang, titleKey), "today")
	f.Branch = b.ID
	return v, b, f, nil
}

// visitPack prints one visit's pack.
func (c *Console) visitPack(fc *fiber.Ctx) error {
	var buf bytes.Buffer
	if err := c.svc.Documents.Pack(fc.UserContext(), &buf, fc.Params("id")); err != nil {
		return c.refused(fc, err)
	}
	return sendPDF(fc, "pack-"+fc.Params("id")+".pdf", buf.Bytes())
}

// dayPacks prints every pack of a branch's date (tomorrow's, from the day's button)
// as one PDF.
func (c *Console) dayPacks(fc *fiber.Ctx) error {
	d, err := c.desk(fc, "today.title", "today")
	if err != nil {
		return c.fail(fc, err)
	}
	q := c.asked(fc, d.Branch)
	var buf bytes.Buffer
	err = c.svc.Documents.DayPacks(fc.UserContext(), &buf, d.Branch.ID, q.Date)
	if errors.Is(err, documents.ErrNoVisits) {
		v := errorView{Frame: d.Frame, Message: T(d.Lang, "today.packs.none", "date", q.Date), Back: dayPath(d.Branch.ID, "", "", "")}
		return c.render(fc, fiber.StatusNotFound, "error", v)
	}
	if err != nil {
		return c.fail(fc, err)
	}
	return sendPDF(fc, "packs-"+q.Date+".pdf", buf.Bytes())
}

func sendPDF(fc *fiber.Ctx, name string, body []byte) error {
	fc.Set(fiber.HeaderContentType, "application/pdf")
	fc.Set(fiber.HeaderContentDisposition, `inline; filename="`+name+`"`)
	fc.Set(fiber.HeaderCacheControl, "no-store")
	return fc.Send(body)
}
