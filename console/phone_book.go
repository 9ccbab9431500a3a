package console

import (
	"net/url"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// bookProblems are the refusals of a time the console words itself.
var bookProblems = []string{"too_soon", "too_far", "not_on_grid", "outside_working_time", "inactive",
	"doctor_does_not_perform_service", "doctor_books_self", "branch_forbidden"}

// bookPost books the chosen time. A time taken since the page was drawn is the time
// step again with the times still free and the reason (409); nothing is stored.
func (c *Console) bookPost(flow bookFlow) fiber.Handler {
	return func(fc *fiber.Ctx) error {
		d, err := c.desk(fc, flow.TitleKey(), flow.Nav)
		if err != nil {
			return c.fail(fc, err)
		}
		ch, err := c.flowChoices(fc, d, flow, choicesOf(fc))
		if err != nil {
			return c.fail(fc, err)
		}
		f := formFrom(fc, "start", "note")
		start, perr := time.Parse(time.RFC3339, f.Get("start"))
		if perr != nil {
			f.Mark(d.Lang, "start", "book.pick_time")
			return c.bookAgain(fc, d, flow, ch, f, fiber.StatusUnprocessableEntity)
		}
		a, err := c.book(fc, d, flow, ch, start, f.Get("note"))
		if err != nil {
			status, ok := bookRefusal(d.Lang, &f, err)
			if !ok {
				return c.fail(fc, err)
			}
			return c.bookAgain(fc, d, flow, ch, f, status)
		}
		return fc.Redirect("/console/visits/"+url.PathEscape(a.ID)+"?notice=booked", fiber.StatusSeeOther)
	}
}

// book places the visit with the chosen doctor or, for "any", with the first doctor
// performing the service who can take the time, as the widget does.
func (c *Console) book(fc *fiber.Ctx, d Desk, flow bookFlow, ch choices, start time.Time, note string) (visit.Visit, error) {
	ctx := fc.UserContext()
	req := booking.BookRequest{PatientID: ch.Patient, ServiceID: ch.Service, DoctorID: ch.Doctor, Start: start,
		Note: note, Source: flow.Source}
	if ch.Doctor != anyDoctor {
		return c.svc.Booking.Book(ctx, req)
	}
	docs, err := c.branchDoctors(fc, d.Branch.ID, ch.Service)
	if err != nil {
		return visit.Visit{}, err
	}
	var refused error = booking.ErrOutsideWorkingTime
	for _, doc := range docs {
		req.DoctorID = doc.ID
		a, err := c.svc.Booking.Book(ctx, req)
		if err == nil || !worthAnotherDoctor(err) {
			return a, err
		}
		if fe, _ := fault.As(err); fe.Kind == fault.Conflict {
			refused = err // "taken" tells the desk more than "does not work then"
		}
	}
	return visit.Visit{}, refused
}

// worthAnotherDoctor reports a refusal another doctor may not meet.
func worthAnotherDoctor(err error) bool {
	fe, ok := fault.As(err)
	return ok && slices.Contains([]string{"slot_taken", "no_chair_free", "outside_working_time"}, fe.Code)
}

// bookRefusal words a refused booking on the form and answers its status: 409 for a
// time taken meanwhile, 422 for a time that cannot be booked. It reports false for
// what is no refusal of the time (not found, a failing database).
func bookRefusal(lang string, f *Form, err error) (int, bool) {
	fe, ok := fault.As(err)
	if !ok || fe.Kind == fault.Unavailable || fe.Kind == fault.Upstream || fe.Kind == fault.NotFound {
		return 0, false
	}
	switch {
	case fe.Kind == fault.Conflict:
		f.Problem = T(lang, "book.taken")
	case slices.Contains(bookProblems, fe.Code):
		f.Problem = bookText(lang, "problem", fe.Code)
	default:
		f.Problem = problemText(lang, fe)
	}
	if fe.Kind == fault.Forbidden {
		return fiber.StatusForbidden, true
	}
	return statusOf(fe.Kind), true
}

// bookAgain draws the time step again with the form's values and what went wrong.
func (c *Console) bookAgain(fc *fiber.Ctx, d Desk, flow bookFlow, ch choices, f Form, status int) error {
	v, err := c.bookViewFor(fc, d, flow, ch)
	if err != nil {
		return c.fail(fc, err)
	}
	v.Form = f
	return c.render(fc, status, "book", v)
}
