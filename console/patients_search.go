package console

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// patientLine is one patient as a search result or the booking's chosen patient.
type patientLine struct {
	ID, Name, Age, Phone, Email string
	Alerts                      []string
	// Card opens the patient card; Book starts booking for the patient.
	Card, Book string
}

// patientsView is the patient search with the new-patient form.
type patientsView struct {
	Frame
	Q        string
	Searched bool
	Results  []patientLine
	More     bool
	New      newPatientForm
}

// newPatientForm is the new-patient form: its values, what is wrong, its choices.
type newPatientForm struct {
	Form     Form
	Action   string
	Then     string
	Branch   string
	Channels []Option
	Locales  []Option
	Lang     string
}

// searchLimit bounds one search's results: the desk narrows the query instead.
const searchLimit = 25

// newPatientFields are the new-patient form's fields.
var newPatientFields = []string{"first_name", "last_name", "phone", "email", "birth_date", "preferred_channel", "locale"}

func (c *Console) patientsPage(fc *fiber.Ctx) error {
	d, err := c.desk(fc, "book.patients.title", "patients")
	if err != nil {
		return c.fail(fc, err)
	}
	v := patientsView{Frame: d.Frame, Q: strings.TrimSpace(fc.Query("q"))}
	v.Notice = noticeOf(fc, d.Lang)
	v.New = c.newPatientForm(d, phoneFlow, "card", NewForm(nil))
	if v.Results, v.More, err = c.searchPatients(fc, d, phoneFlow, choices{Branch: d.Branch.ID}, v.Q); err != nil {
		return c.fail(fc, err)
	}
	v.Searched = v.Q != ""
	return c.render(fc, fiber.StatusOK, "patients", v)
}

// searchPatients finds the patients whose name starts with q or whose phone ends
// with its digits, each with the link that books them in flow.
func (c *Console) searchPatients(fc *fiber.Ctx, d Desk, flow bookFlow, ch choices, q string) ([]patientLine, bool, error) {
	if q == "" {
		return nil, false, nil
	}
	page, err := c.svc.Clinic.Patients(fc.UserContext(), clinic.PatientFilter{Q: q, Limit: searchLimit})
	if err != nil {
		return nil, false, err
	}
	out := make([]patientLine, 0, len(page.Items))
	for _, p := range page.Items {
		line := c.patientLine(p, d)
		line.Book = ch.with("patient", p.ID).link(flow.Base, "service")
		out = append(out, line)
	}
	return out, page.Next != "", nil
}

func (c *Console) patientLine(p clinic.Patient, d Desk) patientLine {
	return patientLine{ID: p.ID, Name: PatientName(p), Age: Age(p.BirthDate, c.opts.Now().In(clinic.Zone(d.Branch.TimeZone))),
		Phone: p.Phone, Email: p.Email, Alerts: p.MedicalAlerts, Card: "/console/patients/" + url.PathEscape(p.ID)}
}

// newPatientForm is the new-patient form of flow; then says where a new card goes:
// "book" on into booking, "card" to the patient card.
func (c *Console) newPatientForm(d Desk, flow bookFlow, then string, f Form) newPatientForm {
	n := newPatientForm{Form: f, Action: flow.Patients, Then: then, Branch: d.Branch.ID, Lang: d.Lang}
	for _, ch := range clinic.Channels {
		n.Channels = append(n.Channels, Option{Value: ch, Label: bookText(d.Lang, "channel", ch)})
	}
	n.Locales = append(n.Locales, Option{Value: "", Label: T(d.Lang, "book.patient.branch_locale")})
	for _, l := range Langs {
		n.Locales = append(n.Locales, Option{Value: l, Label: T(d.Lang, "lang."+l)})
	}
	return n
}

// newPatient registers a card from the form. A patient already registered (same
// phone and birth date or name) is not a second card: the desk goes on with the
// existing one and is told so.
func (c *Console) newPatient(flow bookFlow) fiber.Handler {
	return func(fc *fiber.Ctx) error {
		nav := flow.Nav
		if fc.FormValue("then") == "card" {
			nav = "patients" // the form was on the patients page, not in a booking
		}
		d, err := c.desk(fc, "book.patients.title", nav)
		if err != nil {
			return c.fail(fc, err)
		}
		f := formFrom(fc, newPatientFields...)
		p, created, err := c.svc.Clinic.CreatePatient(fc.UserContext(), patientInput(f, d.Branch.ID))
		if err != nil {
			if !patientRefused(d.Lang, &f, err) {
				return c.fail(fc, err)
			}
			return c.refusedPatient(fc, d, flow, f)
		}
		notice := "patient_created"
		if !created {
			notice = "patient_exists"
		}
		if fc.FormValue("then") == "card" {
			return fc.Redirect("/console/patients/"+url.PathEscape(p.ID), fiber.StatusSeeOther)
		}
		next := choices{Branch: d.Branch.ID, Patient: p.ID}.link(flow.Base, "service")
		return fc.Redirect(next+"&notice="+notice, fiber.StatusSeeOther)
	}
}

func patientInput(f Form, branchID string) clinic.PatientInput {
	return clinic.PatientInput{BranchID: branchID, FirstName: f.Get("first_name"), LastName: f.Get("last_name"),
		Phone: f.Get("phone"), Email: f.Get("email"), BirthDate: f.Get("birth_date"),
		PreferredChannel: f.Get("preferred_channel"), Locale: f.Get("locale")}
}

// refusedPatient draws the page the form came from again with the fields marked:
// the patient step of booking, or the patient search.
func (c *Console) refusedPatient(fc *fiber.Ctx, d Desk, flow bookFlow, f Form) error {
	if fc.FormValue("then") == "card" {
		v := patientsView{Frame: d.Frame, New: c.newPatientForm(d, flow, "card", f)}
		return c.render(fc, f.Status(), "patients", v)
	}
	v, err := c.bookViewFor(fc, d, flow, choices{Branch: d.Branch.ID})
	if err != nil {
		return c.fail(fc, err)
	}
	v.New = c.newPatientForm(d, flow, "book", f)
	return c.render(fc, f.Status(), "book", v)
}

// patientRefused is Form.Refused in the words of the patient rules: each field the
// directory refused gets this area's text for its code where there is one.
func patientRefused(lang string, f *Form, err error) bool {
	if !f.Refused(lang, err) {
		return false
	}
	fe, _ := fault.As(err)
	for _, field := range fe.Fields {
		if hasBookText("field", field.Code) {
			f.Errors[field.Field] = bookText(lang, "field", field.Code)
		}
	}
	if hasBookText("problem", fe.Code) && len(fe.Fields) == 0 {
		f.Problem = bookText(lang, "problem", fe.Code)
	}
	return true
}
