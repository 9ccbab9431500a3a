package console

import (
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/visit"
)

// visitView is one visit with its reschedule and cancel forms.
type visitView struct {
	Frame
	V       visit.Visit
	Patient *patientLine
	Service string
	Doctor  string
	Chair   string
	Branch  string
	Day     string
	Start   string
	End     string
	Stage   Stage
	Source  string
	// Open is set while the visit can still be moved or cancelled by this staff member.
	Open bool
	// Rebook books the patient again; From and To link a moved visit's other half.
	Rebook, From, To string
	// MoveDate is the day whose free times the reschedule form lists; VisitDate
	// the visit's own local date, the form's first suggestion.
	MoveDate   string
	VisitDate  string
	Times      []Option
	Reschedule Form
	Cancel     Form
	Parties    []Option
}

func (c *Console) visitRoutes(r fiber.Router) {
	// A head nurse reaches visits from the supplies board: she sees the page, without
	// its forms.
	r.Get("/console/visits/:id", c.staffOnly(), c.visitPage)
	act := c.staffOnly(actor.Owner, actor.Admin, actor.Doctor)
	r.Post("/console/visits/:id/reschedule", act, c.rescheduleFromPage)
	r.Post("/console/visits/:id/cancel", act, c.cancelFromPage)
}

// visitFor reads the visit of the path: any visit of the branches the staff member
// sees for the front desk, only their own for a doctor.
func (c *Console) visitFor(fc *fiber.Ctx) (visit.Visit, error) {
	if !wellFormed(fc.Params("id")) {
		return visit.Visit{}, visit.ErrNotFound
	}
	v, err := c.svc.Booking.Get(fc.UserContext(), fc.Params("id"))
	if err != nil || !who(fc).Is(actor.Doctor) {
		return v, err
	}
	doc, err := c.svc.Clinic.Doctor(fc.UserContext(), v.DoctorID)
	if err != nil || doc.StaffID != who(fc).Actor.StaffID {
		return visit.Visit{}, visit.ErrNotFound
	}
	return v, nil
}

func (c *Console) visitPage(fc *fiber.Ctx) error {
	v, err := c.visitFor(fc)
	if err != nil {
		return c.fail(fc, err)
	}
	view, err := c.visitViewOf(fc, v, fc.Query("date"))
	if err != nil {
		return c.fail(fc, err)
	}
	view.Notice = noticeOf(fc, view.Lang)
	return c.render(fc, fiber.StatusOK, "visit", view)
}

// visitViewOf names everything the visit page shows; moveDate is the day the
// reschedule form lists free times of ("" for none yet).
func (c *Console) visitViewOf(fc *fiber.Ctx, v visit.Visit, moveDate string) (visitView, error) {
	d, err := c.desk(fc, "book.visit.title", "")
	if err != nil {
		return visitView{}, err
	}
	ctx := fc.UserContext()
	b, err := c.svc.Clinic.Branch(ctx, v.BranchID)
	if err != nil {
		return visitView{}, err
	}
	d.Branch = b
	view := visitView{Frame: d.Frame, V: v, Branch: b.Name, Day: dayLabel(d.Lang, LocalDate(v.Start, b)),
		Start: Clock(v.Start, b), End: Clock(v.End, b), Stage: StageOf(v, c.opts.Now(), DefaultThresholds),
		Source: bookText(d.Lang, "source", string(v.Source)), Open: (v.Status == visit.Booked || v.Status == visit.Confirmed) && !who(fc).Is(actor.Nurse),
		Reschedule: NewForm(nil), Cancel: NewForm(map[string]string{"by": "patient"}), MoveDate: moveDate,
		VisitDate: LocalDate(v.Start, b)}
	if err := c.nameVisit(fc, d, &view); err != nil {
		return view, err
	}
	view.Parties = []Option{{Value: "patient", Label: T(d.Lang, "book.visit.by_patient")},
		{Value: "clinic", Label: T(d.Lang, "book.visit.by_clinic")}}
	view.From, view.To = visitLink(v.RescheduledFrom), visitLink(v.RescheduledTo)
	if view.Open && moveDate != "" {
		err = c.moveTimes(fc, d, &view)
	}
	return view, err
}

// visitLink is the page of the visit id names, "" for none.
func visitLink(id *string) string {
	if id == nil {
		return ""
	}
	return "/console/visits/" + url.PathEscape(*id)
}

// nameVisit reads the names of the visit's patient, service, doctor and chair.
func (c *Console) nameVisit(fc *fiber.Ctx, d Desk, view *visitView) error {
	ctx, v := fc.UserContext(), view.V
	if id := v.Patient(); id != "" {
		p, err := c.svc.Clinic.Patient(ctx, id)
		if err != nil {
			return err
		}
		line := c.patientLine(p, d)
		view.Patient = &line
		view.Rebook = choices{Branch: v.BranchID, Patient: id}.link(phoneFlow.Base, "service")
	}
	s, err := c.svc.Clinic.Procedure(ctx, v.ServiceID)
	if err != nil {
		return err
	}
	view.Service = s.Name(d.Lang)
	doc, err := c.svc.Clinic.Doctor(ctx, v.DoctorID)
	if err != nil {
		return err
	}
	view.Doctor = doc.DisplayName
	chair, err := c.svc.Clinic.Chair(ctx, v.ChairID)
	view.Chair = chair.Name
	return err
}

// moveTimes lists the free times of the visit's doctor on the day asked for.
func (c *Console) moveTimes(fc *fiber.Ctx, d Desk, view *visitView) error {
	if _, err := time.Parse(time.DateOnly, view.MoveDate); err != nil {
		view.Reschedule.Mark(d.Lang, "date", "field.invalid")
		return nil
	}
	ch := choices{Service: view.V.ServiceID, Doctor: view.V.DoctorID}
	r, err := c.availability(fc, d, ch, view.MoveDate, 1)
	if err != nil {
		return err
	}
	for _, day := range r.Days {
		for _, s := range day.Slots {
			view.Times = append(view.Times, Option{Value: s.Start.Format(time.RFC3339), Label: Clock(s.Start, d.Branch)})
		}
	}
	return nil
}
