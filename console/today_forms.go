package console

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/visit"
)

// visitFormView is a form about one visit: cancelling it, or seating it although
// its papers are unsigned.
type visitFormView struct {
	Frame
	Form    Form
	Patient string
	When    string
	Action  string
	Back    string
	// Unsigned are the documents the seating gate waits for, as word and state.
	Unsigned []Option
	Override bool
	PackURL  string
}

// visitForm starts the view of a form about the visit.
func (c *Console) visitForm(fc *fiber.Ctx, titleKey, action string, f Form) (visitFormView, visit.Visit, error) {
	v, b, frame, err := c.visitDesk(fc, titleKey)
	if err != nil {
		return visitFormView{}, v, err
	}
	out := visitFormView{Frame: frame, Form: f, When: LocalDate(v.Start, b) + " " + Clock(v.Start, b),
		Action: "/console/today/visits/" + v.ID + "/" + action, Back: dayBack(fc.FormValue("back")),
		PackURL: "/console/today/visits/" + v.ID + "/pack.pdf"}
	if v.PatientID != nil {
		p, err := c.svc.Clinic.Patient(fc.UserContext(), *v.PatientID)
		if err != nil && !errors.Is(err, clinic.ErrPatientNotFound) {
			return out, v, err
		}
		out.Patient = PatientName(p)
	}
	return out, v, nil
}

// cancelForm asks why the visit is cancelled.
func (c *Console) cancelForm(fc *fiber.Ctx) error {
	v, _, err := c.visitForm(fc, "today.cancel.title", "cancel", NewForm(nil))
	if err != nil {
		return c.fail(fc, err)
	}
	return c.render(fc, fiber.StatusOK, "today_cancel", v)
}

// cancelVisit cancels with the reason given; without one the form comes back with
// the field marked (422) in the staff member's language.
func (c *Console) cancelVisit(fc *fiber.Ctx) error {
	f := formFrom(fc, "reason", "by_patient")
	v, _, err := c.visitForm(fc, "today.cancel.title", "cancel", f)
	if err != nil {
		return c.fail(fc, err)
	}
	if strings.TrimSpace(f.Get("reason")) == "" {
		v.Form.Mark(v.Lang, "reason", "field.required")
		return c.render(fc, v.Form.Status(), "today_cancel", v)
	}
	change := booking.Change{Action: booking.ActionCancel, Reason: f.Get("reason"), ByPatient: f.Get("by_patient") != ""}
	if _, err := c.svc.Booking.Move(fc.UserContext(), fc.Params("id"), change); err != nil {
		if !v.Form.Refused(v.Lang, err) {
			return c.fail(fc, err)
		}
		ownWords(&v.Form, v.Lang, err)
		return c.render(fc, v.Form.Status(), "today_cancel", v)
	}
	return c.backToDay(fc)
}

// seatVisit seats the patient. The seating gate's refusal comes back as the list of
// unsigned documents (409), with the override form for those the gate lets override
// (the owner here; the visit's own doctor from their day).
func (c *Console) seatVisit(fc *fiber.Ctx) error {
	f := formFrom(fc, "override_reason", "override")
	if f.Get("override") != "" && strings.TrimSpace(f.Get("override_reason")) == "" {
		f.Errors["override_reason"] = "field.required"
		return c.seatRefused(fc, f, fiber.StatusUnprocessableEntity)
	}
	change := booking.Change{Action: booking.ActionSeat, OverrideReason: strings.TrimSpace(f.Get("override_reason"))}
	_, err := c.svc.Booking.Move(fc.UserContext(), fc.Params("id"), change)
	switch {
	case err == nil:
		return c.backToDay(fc)
	case errors.Is(err, visit.ErrDocumentsUnsigned):
		return c.seatRefused(fc, f, fiber.StatusConflict)
	case errors.Is(err, documents.ErrOverrideForbidden):
		f.Problem = "today.seat.override_forbidden"
		return c.seatRefused(fc, f, fiber.StatusForbidden)
	}
	return c.refused(fc, err)
}

// seatRefused draws the unsigned documents of the visit and, for the owner, the
// override form.
func (c *Console) seatRefused(fc *fiber.Ctx, f Form, status int) error {
	v, _, err := c.visitForm(fc, "today.seat.title", "seat", f)
	if err != nil {
		return c.fail(fc, err)
	}
	if v.Form.Problem != "" {
		v.Form.Problem = T(v.Lang, v.Form.Problem)
	}
	if key, ok := v.Form.Errors["override_reason"]; ok {
		v.Form.Mark(v.Lang, "override_reason", key)
	}
	list, err := c.svc.Documents.Checklist(fc.UserContext(), fc.Params("id"))
	if err != nil {
		return c.fail(fc, err)
	}
	for _, it := range list.Items {
		if it.NeedToSeat && it.Status != documents.Signed && it.Status != documents.ResignRequested {
			v.Unsigned = append(v.Unsigned, Option{Value: T(v.Lang, "today.doc."+it.Kind), Label: T(v.Lang, "today.docstate."+string(it.Status))})
		}
	}
	v.Override = who(fc).Is(actor.Owner)
	return c.render(fc, status, "today_seat", v)
}

// ownWords puts the console's own words on a refusal it knows (the service's
// English detail otherwise).
func ownWords(f *Form, lang string, err error) {
	if key := refusalKey(err); key != "" {
		f.Problem = T(lang, key)
	}
}
