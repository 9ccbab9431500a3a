package console

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// bookView is one step of booking with the choices made so far.
type bookView struct {
	Frame
	Flow bookFlow
	Step string
	Ch   choices
	// Summary is what is chosen so far, each with the link that changes it.
	Summary []chosen
	// The patient step: the search and the new-patient form.
	Q        string
	Searched bool
	Results  []patientLine
	More     bool
	New      newPatientForm
	// The service, doctor and day steps' choices.
	Services []Option
	Doctors  []Option
	Days     []dayChoice
	Later    string
	NextFree *dayChoice
	// The time step: the free times and the final form; DaysLink goes back to the days.
	Times    []Option
	DaysLink string
	Action   string
	Form     Form
}

// chosen is one choice made, as the summary shows it.
type chosen struct{ Label, Value, Change string }

// dayChoice is a local date with its free times.
type dayChoice struct {
	Date, Label, Link string
	Free              int
}

func (c *Console) bookPage(flow bookFlow) fiber.Handler {
	return func(fc *fiber.Ctx) error {
		d, err := c.desk(fc, flow.TitleKey(), flow.Nav)
		if err != nil {
			return c.fail(fc, err)
		}
		v, err := c.bookViewFor(fc, d, flow, choicesOf(fc))
		if err != nil {
			return c.fail(fc, err)
		}
		v.Notice = noticeOf(fc, d.Lang)
		return c.render(fc, fiber.StatusOK, "book", v)
	}
}

// StepLabel is a step's name in the page's language.
func (v bookView) StepLabel(step string) string { return bookText(v.Lang, "step", step) }

// Steps are the flow's steps in order, for the page's step list.
func (f bookFlow) Steps() []string {
	if f.Own {
		return []string{"patient", "service", "day", "time"}
	}
	return []string{"patient", "service", "doctor", "day", "time"}
}

// TitleKey is the text key of the flow's title.
func (f bookFlow) TitleKey() string {
	if f.Own {
		return "doctor.book.title"
	}
	return "book.title"
}

// bookViewFor draws the first step still to take.
func (c *Console) bookViewFor(fc *fiber.Ctx, d Desk, flow bookFlow, ch choices) (bookView, error) {
	ch, err := c.flowChoices(fc, d, flow, ch)
	if err != nil {
		return bookView{}, err
	}
	v := bookView{Frame: d.Frame, Flow: flow, Ch: ch, Step: ch.step(), Form: NewForm(nil), Q: ch.Q}
	if err := c.summarise(fc, d, &v); err != nil {
		return v, err
	}
	switch v.Step {
	case "patient":
		v.New = c.newPatientForm(d, flow, "book", NewForm(nil))
		v.Results, v.More, err = c.searchPatients(fc, d, flow, ch, ch.Q)
		v.Searched = ch.Q != ""
	case "service":
		v.Services, err = c.serviceOptions(fc, d.Lang)
	case "doctor":
		v.Doctors, err = c.doctorOptions(fc, d, ch.Service)
	case "day":
		err = c.dayStep(fc, d, &v)
	case "time":
		err = c.timeStep(fc, d, &v)
	}
	return v, err
}

// flowChoices are the choices as the flow allows them: at the desk's branch, and in
// a doctor's own flow always with that doctor, whatever the query says.
func (c *Console) flowChoices(fc *fiber.Ctx, d Desk, flow bookFlow, ch choices) (choices, error) {
	ch.Branch = d.Branch.ID
	if err := ch.checkIDs(); err != nil {
		return ch, err
	}
	if flow.Own {
		doc, err := c.ownDoctor(fc)
		if err != nil {
			return ch, err
		}
		ch.Doctor = doc.ID
	}
	return ch, nil
}

// summarise names the choices made so far; an id that names nothing (or nothing
// the staff member may see) answers not found.
func (c *Console) summarise(fc *fiber.Ctx, d Desk, v *bookView) error {
	ctx, ch, base := fc.UserContext(), v.Ch, v.Flow.Base
	add := func(label, value, change string) {
		v.Summary = append(v.Summary, chosen{Label: T(d.Lang, label), Value: value, Change: change})
	}
	if ch.Patient != "" {
		p, err := c.svc.Clinic.Patient(ctx, ch.Patient)
		if err != nil {
			return err
		}
		add("book.patient", PatientName(p)+" · "+p.Phone, ch.link(base, "patient"))
	}
	if ch.Service == "" {
		return nil
	}
	s, err := c.svc.Clinic.Procedure(ctx, ch.Service)
	if err != nil {
		return err
	}
	add("book.service", s.Name(d.Lang), ch.link(base, "service"))
	return c.summariseWhen(fc, d, v, add)
}

// summariseWhen names the doctor and the day chosen; a doctor's own flow has no
// doctor to change.
func (c *Console) summariseWhen(fc *fiber.Ctx, d Desk, v *bookView, add func(label, value, change string)) error {
	ch, base := v.Ch, v.Flow.Base
	if ch.Doctor == "" {
		return nil
	}
	name, err := c.doctorName(fc, d.Lang, ch.Doctor)
	if err != nil {
		return err
	}
	change := ch.link(base, "doctor")
	if v.Flow.Own {
		change = ""
	}
	add("book.doctor", name, change)
	if ch.Date != "" {
		add("book.day", dayLabel(d.Lang, ch.Date), ch.link(base, "date"))
	}
	return nil
}

func (c *Console) doctorName(fc *fiber.Ctx, lang, id string) (string, error) {
	if id == anyDoctor {
		return T(lang, "book.any_doctor"), nil
	}
	doc, err := c.svc.Clinic.Doctor(fc.UserContext(), id)
	return doc.DisplayName, err
}

// serviceOptions are the clinic's active services by name in lang.
func (c *Console) serviceOptions(fc *fiber.Ctx, lang string) ([]Option, error) {
	active := true
	page, err := c.svc.Clinic.Procedures(fc.UserContext(), clinic.ProcedureFilter{Active: &active, Limit: 200})
	if err != nil {
		return nil, err
	}
	out := make([]Option, 0, len(page.Items))
	for _, p := range page.Items {
		out = append(out, Option{Value: p.ID, Label: p.Name(lang) + " · " + T(lang, "book.minutes", "minutes", p.DurationMinutes)})
	}
	return out, nil
}

// doctorOptions are "any doctor" and the active doctors of the branch who perform
// the service.
func (c *Console) doctorOptions(fc *fiber.Ctx, d Desk, serviceID string) ([]Option, error) {
	docs, err := c.branchDoctors(fc, d.Branch.ID, serviceID)
	if err != nil {
		return nil, err
	}
	out := []Option{{Value: anyDoctor, Label: T(d.Lang, "book.any_doctor")}}
	for _, doc := range docs {
		out = append(out, Option{Value: doc.ID, Label: doc.DisplayName})
	}
	return out, nil
}

// branchDoctors are the active doctors at a branch performing a service.
func (c *Console) branchDoctors(fc *fiber.Ctx, branchID, serviceID string) ([]clinic.Doctor, error) {
	active := true
	f := clinic.DoctorFilter{BranchID: branchID, ServiceID: serviceID, Active: &active, Limit: 200}
	var out []clinic.Doctor
	for {
		page, err := c.svc.Clinic.Doctors(fc.UserContext(), f)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out, nil
		}
		f.Cursor = page.Next
	}
}
