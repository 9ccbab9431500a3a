package console

import (
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// rescheduleFromPage moves the visit to a free time of the same doctor: the new visit's
// page follows; a time taken meanwhile is the visit page again with the times
// still free (409) and the visit untouched.
func (c *Console) rescheduleFromPage(fc *fiber.Ctx) error {
	v, err := c.visitFor(fc)
	if err != nil {
		return c.fail(fc, err)
	}
	f := formFrom(fc, "date", "start")
	start, perr := time.Parse(time.RFC3339, f.Get("start"))
	if perr != nil {
		return c.visitAgain(fc, v, "move", f, "start", nil)
	}
	moved, err := c.svc.Booking.Reschedule(fc.UserContext(), v.ID, booking.Move{Start: start})
	if err != nil {
		return c.visitAgain(fc, v, "move", f, "", err)
	}
	return fc.Redirect("/console/visits/"+url.PathEscape(moved.ID)+"?notice=rescheduled", fiber.StatusSeeOther)
}

// cancelFromPage cancels the visit through booking's lifecycle, as the API's cancel
// does; the reason is required and said by whom (the patient on the phone, or the
// clinic).
func (c *Console) cancelFromPage(fc *fiber.Ctx) error {
	v, err := c.visitFor(fc)
	if err != nil {
		return c.fail(fc, err)
	}
	f := formFrom(fc, "reason", "by")
	if strings.TrimSpace(f.Get("reason")) == "" {
		return c.visitAgain(fc, v, "cancel", f, "reason", nil)
	}
	_, err = c.svc.Booking.Move(fc.UserContext(), v.ID, booking.Change{Action: booking.ActionCancel,
		Reason: f.Get("reason"), ByPatient: f.Get("by") != "clinic"})
	if err != nil {
		return c.visitAgain(fc, v, "cancel", f, "", err)
	}
	return fc.Redirect("/console/visits/"+url.PathEscape(v.ID)+"?notice=cancelled", fiber.StatusSeeOther)
}

// visitAgain draws the visit page with one of its forms ("move" or "cancel") as it
// was sent: the field mark names left empty, or refusal worded on it.
func (c *Console) visitAgain(fc *fiber.Ctx, v visit.Visit, which string, f Form, mark string, refusal error) error {
	view, err := c.visitViewOf(fc, v, f.Get("date"))
	if err != nil {
		return c.fail(fc, err)
	}
	status, ok := visitRefusal(view.Lang, &f, refusal)
	if !ok {
		return c.fail(fc, refusal)
	}
	switch mark {
	case "start":
		f.Mark(view.Lang, "start", "book.pick_time")
	case "reason":
		f.Mark(view.Lang, "reason", "book.visit.reason_required")
	}
	if which == "move" {
		for k, e := range view.Reschedule.Errors {
			f.Errors[k] = e
		}
		view.Reschedule = f
	} else {
		view.Cancel = f
	}
	return c.render(fc, status, "visit", view)
}

// visitRefusal words a refused move or cancellation on its form (a visit that moved
// on meanwhile in words of its own) and answers the status; with no refusal, 422.
func visitRefusal(lang string, f *Form, refusal error) (int, bool) {
	if refusal == nil {
		return fiber.StatusUnprocessableEntity, true
	}
	status, ok := bookRefusal(lang, f, refusal)
	if fe, _ := fault.As(refusal); ok && fe.Code == "invalid_transition" {
		f.Problem = T(lang, "book.visit.moved_on")
	}
	return status, ok
}
