package doctemplate

import (
	"bytes"
	"strings"
	"sync"
	"time"
)

// Fill fills the template kind in locale (falling back to en) with d. Every string
// of a copy of d is escaped first, so a patient's answers print as inert text and
// can never become markup or template actions. Filled.Locale is the language of
// the template used (en after a fallback), so the page footer matches the text.
func (s *Set) Fill(kind, locale string, d Data) (Filled, error) {
	t := s.lookup(kind, locale)
	if t == nil {
		return Filled{}, ErrUnknownTemplate
	}
	d = prepare(d)
	d.Document.Kind = kind
	return t.fill(d)
}

// Has reports whether a template for kind exists in locale or in the en fallback.
func (s *Set) Has(kind, locale string) bool {
	return s.lookup(kind, locale) != nil
}

func (s *Set) lookup(kind, locale string) *docTemplate {
	if t := s.tpls[locale+"/"+kind]; t != nil {
		return t
	}
	return s.tpls[FallbackLocale+"/"+kind]
}

func (t *docTemplate) fill(d Data) (Filled, error) {
	tpl, err := t.parsed()
	if err != nil {
		return Filled{}, err
	}
	var out bytes.Buffer
	out.Grow(t.size + t.size/2)
	if err := tpl.Execute(&out, d); err != nil {
		return Filled{}, lineError(err)
	}
	return Filled{Kind: t.kind, Locale: t.locale, Title: t.title, Markdown: tidy(out.Bytes()),
		TemplateID: t.id, Hash: t.hash}, nil
}

// rehearse fills the template with a full visit and with an empty one (an adult
// with no answers, no plan), so a field that fails on real data fails at load.
func (t *docTemplate) rehearse() error {
	for _, d := range []Data{sampleData(t.locale), {}} {
		if _, err := t.fill(prepare(d)); err != nil {
			return err
		}
	}
	return nil
}

// tidy drops the runs of empty lines that template blocks leave behind, and
// blank lines at the start and end.
func tidy(md []byte) string {
	var b strings.Builder
	b.Grow(len(md) + 1)
	blank := false
	for len(md) > 0 {
		line, rest, _ := bytes.Cut(md, []byte("\n"))
		md = rest
		if len(bytes.TrimSpace(line)) == 0 {
			blank = b.Len() > 0
			continue
		}
		if blank {
			b.WriteByte('\n')
			blank = false
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// prepare copies d with every string escaped, every known answer present (empty
// when not given, so a template may test it) and times in the branch's zone.
func prepare(d Data) Data {
	zone := branchZone(d.Branch.TimeZone)
	e := d
	e.Document = DocumentInfo{ID: escape(d.Document.ID), Kind: escape(d.Document.Kind), Date: in(d.Document.Date, zone),
		Number: escape(d.Document.Number)}
	e.Clinic = Clinic{Name: escape(d.Clinic.Name), LegalName: escape(d.Clinic.LegalName), TaxID: escape(d.Clinic.TaxID),
		Address: escapeAddress(d.Clinic.Address), City: escape(d.Clinic.City), Phone: escape(d.Clinic.Phone),
		Email: escape(d.Clinic.Email), Currency: escape(d.Clinic.Currency), CompanyNumber: escape(d.Clinic.CompanyNumber),
		MedicalRegisterNumber: escape(d.Clinic.MedicalRegisterNumber), Licence: escape(d.Clinic.Licence)}
	e.Branch = Branch{Name: escape(d.Branch.Name), Address: escapeAddress(d.Branch.Address),
		Phone: escape(d.Branch.Phone), TimeZone: escape(d.Branch.TimeZone)}
	e.Patient = escapePerson(d.Patient)
	if d.Guardian != nil {
		e.Guardian = &Guardian{Name: escape(d.Guardian.Name), Relation: escape(d.Guardian.Relation),
			Document: escape(d.Guardian.Document), Phone: escape(d.Guardian.Phone)}
	}
	e.Doctor = Doctor{FullName: escape(d.Doctor.FullName), Specialty: escape(d.Doctor.Specialty)}
	e.Appointment = Appointment{ID: escape(d.Appointment.ID), Start: in(d.Appointment.Start, zone),
		End: in(d.Appointment.End, zone), Service: escape(d.Appointment.Service)}
	e.Plan = escapePlan(d.Plan)
	e.Answers = escapeAnswers(d.Answers)
	e.Alerts = make([]string, len(d.Alerts))
	for i, a := range d.Alerts {
		e.Alerts[i] = escape(a)
	}
	e.Locale = escape(d.Locale)
	return e
}

func escapePerson(p Person) Person {
	return Person{FirstName: escape(p.FirstName), LastName: escape(p.LastName), FullName: escape(p.FullName),
		BirthDate: p.BirthDate, Sex: escape(p.Sex), Phone: escape(p.Phone), Email: escape(p.Email),
		Address: escapeAddress(p.Address), IDDocument: escape(p.IDDocument), Age: p.Age}
}

func escapePlan(p Plan) Plan {
	out := Plan{Items: make([]PlanItem, len(p.Items)), Total: Money{Minor: p.Total.Minor, Currency: escape(p.Total.Currency)}}
	for i, it := range p.Items {
		out.Items[i] = PlanItem{Name: escape(it.Name), Qty: it.Qty,
			Price: Money{Minor: it.Price.Minor, Currency: escape(it.Price.Currency)}}
	}
	return out
}

// escapeAnswers keeps line breaks of free-text answers; every dental-intake id is
// present so a template can test an unanswered question without failing.
func escapeAnswers(answers map[string]string) map[string]string {
	out := make(map[string]string, len(answers)+len(AnswerIDs))
	for _, id := range AnswerIDs {
		out[id] = ""
	}
	for id, a := range answers {
		out[id] = escapeLines(a)
	}
	return out
}

var zones sync.Map // time zone name -> *time.Location, read from disk once

func branchZone(name string) *time.Location {
	if name == "" {
		return nil
	}
	if z, ok := zones.Load(name); ok {
		return z.(*time.Location)
	}
	z, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	zones.Store(name, z)
	return z
}

func in(t time.Time, zone *time.Location) time.Time {
	if zone == nil || t.IsZero() {
		return t
	}
	return t.In(zone)
}

// escapeAddress writes a multi-line address on one line, its lines joined by
// commas: addresses sit inside sentences and table cells, where a line break
// would end the sentence or the table.
func escapeAddress(s string) string {
	var parts []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Trim(strings.TrimSpace(l), ","); l != "" {
			parts = append(parts, l)
		}
	}
	return escape(strings.Join(parts, ", "))
}
