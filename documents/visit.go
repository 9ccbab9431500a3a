package documents

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/documents/pdf"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// visitSheet is one appointment as its documents see it.
type visitSheet struct {
	appt      visit.Visit
	patientID string
	zone      *time.Location
	// kinds are the documents the visit needs, in the order a pack prints them.
	kinds []string
	// seating are the kinds that must be signed before the patient is seated.
	seating    []string
	locale     string
	branch     clinic.Branch
	number     string           // the contract number, once prepare has taken it
	data       doctemplate.Data // Document left empty: each document fills its own
	hash       string           // sha256 of data, the snapshot every document is made from
	letterhead pdf.Letterhead
}

// visitOf gathers what the visit's documents say. Directory entries (branch, doctor,
// service) are read as the system: the actor may already see the visit, and a doctor's
// name on a contract is no secret. The patient card is read as the actor (audited).
func (s *Service) visitOf(ctx context.Context, dir Directory, a visit.Visit) (visitSheet, error) {
	if a.PatientID == nil {
		return visitSheet{}, ErrNoPatient
	}
	src, err := s.gather(ctx, dir, a)
	if err != nil {
		return visitSheet{}, err
	}
	v := visitSheet{appt: a, patientID: src.patient.ID, zone: zoneOf(src.branch), locale: localeOf(src.patient, src.branch),
		branch: src.branch}
	v.kinds = s.requiredKinds(src.procedure, v.locale)
	v.seating = seatingKinds(v.kinds)
	v.data = s.dataOf(v, src)
	v.hash, err = dataHash(v.data)
	v.letterhead = pdf.Letterhead{Name: src.branch.Name, Address: src.branch.Address, Phone: phoneText(src.branch.Phone)}
	return v, err
}

// sources are everything a visit's documents are made from.
type sources struct {
	branch    clinic.Branch
	procedure clinic.Procedure
	doctor    clinic.Doctor
	patient   clinic.Patient
	guardians []clinic.Guardian
	response  *questionnaire.Response
	alerts    []questionnaire.Alert
}

// gather reads the sources side by side: on a networked database a pack waits for one
// round trip instead of six.
func (s *Service) gather(ctx context.Context, dir Directory, a visit.Visit) (sources, error) {
	sys := actor.With(ctx, actor.Actor{Kind: actor.System})
	patientID := *a.PatientID
	var src sources
	err := db.Together(
		func() (err error) { src.branch, err = dir.Branch(sys, a.BranchID); return err },
		func() (err error) { src.procedure, err = dir.Procedure(sys, a.ServiceID); return err },
		func() (err error) { src.doctor, err = dir.Doctor(sys, a.DoctorID); return err },
		func() (err error) { src.patient, err = dir.Patient(ctx, patientID); return err },
		func() (err error) { src.guardians, err = dir.Guardians(ctx, patientID); return err },
		func() error { return s.latestResponse(ctx, patientID, &src) },
		func() (err error) {
			if s.quest != nil {
				src.alerts, err = s.quest.Alerts(ctx, patientID)
			}
			return err
		},
	)
	return src, err
}

func (s *Service) latestResponse(ctx context.Context, patientID string, src *sources) error {
	if s.quest == nil {
		return nil
	}
	r, ok, err := s.quest.Latest(ctx, patientID)
	if ok {
		src.response = &r
	}
	return err
}

// dataOf is the visit as every template sees it (the document's own id and date aside).
func (s *Service) dataOf(v visitSheet, src sources) doctemplate.Data {
	answers, alerts := s.answers(src, v.locale)
	service := src.procedure.Name(v.locale)
	price := doctemplate.Money{Minor: src.procedure.PriceMinor, Currency: src.procedure.Currency}
	b := src.branch
	d := doctemplate.Data{
		Clinic:      clinicOf(b),
		Branch:      doctemplate.Branch{Name: b.Name, Address: b.Address, Phone: phoneText(b.Phone), TimeZone: b.TimeZone},
		Patient:     person(src.patient, answers, v.locale, v.appt.Start.In(v.zone)),
		Doctor:      doctemplate.Doctor{FullName: src.doctor.DisplayName},
		Appointment: doctemplate.Appointment{ID: v.appt.ID, Start: v.appt.Start.In(v.zone), End: v.appt.End.In(v.zone), Service: service},
		Plan:        doctemplate.Plan{Items: []doctemplate.PlanItem{{Name: service, Qty: 1, Price: price}}, Total: price},
		Answers:     answers,
		Alerts:      alerts,
		Locale:      v.locale,
	}
	d.Guardian = guardianOf(src, answers, d.Patient, v.locale)
	return d
}

// answers are the patient's latest questionnaire answers in the visit's language and
// their medical alerts (the card's own alerts when no questionnaire was filled in).
func (s *Service) answers(src sources, locale string) (map[string]string, []string) {
	answers, lines := map[string]string{}, slices.Clone(src.patient.MedicalAlerts)
	if src.response != nil {
		answers = s.quest.DisplayAnswers(*src.response, locale)
	}
	if len(src.alerts) > 0 {
		lines = lines[:0]
		for _, a := range src.alerts {
			lines = append(lines, a.Line())
		}
	}
	return answers, lines
}

// person is the patient as documents name them; the card wins over the answers,
// which fill what the card lacks (address, identity document).
func person(p clinic.Patient, answers map[string]string, locale string, on time.Time) doctemplate.Person {
	out := doctemplate.Person{FirstName: p.FirstName, LastName: p.LastName, Sex: p.Sex, Phone: phoneText(p.Phone),
		Email: p.Email, Address: firstOf(p.Address, answers["address"]), IDDocument: firstOf(p.IDDocument, answers["id_document"])}
	out.FullName = fullName(p, locale)
	if born, err := time.Parse(time.DateOnly, p.BirthDate); err == nil {
		out.BirthDate = &born
		out.Age = ageOn(born, on)
	}
	return out
}

// fullName follows the locale's habit: Russian documents put the family name first
// and keep the patronymic; the others read given, middle, family.
func fullName(p clinic.Patient, locale string) string {
	parts := []string{p.FirstName, p.MiddleName, p.LastName}
	if locale == "ru" {
		parts = []string{p.LastName, p.FirstName, p.MiddleName}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

func ageOn(born, on time.Time) int {
	age := on.Year() - born.Year()
	if on.Month() < born.Month() || (on.Month() == born.Month() && on.Day() < born.Day()) {
		age--
	}
	return max(age, 0)
}

// requiredKinds are the kinds the visit needs that have a template.
func (s *Service) requiredKinds(p clinic.Procedure, locale string) []string {
	return slices.DeleteFunc(kindsFor(p), func(k string) bool { return !s.tpl.Has(k, locale) })
}

// kindsFor are the kinds a service's visit needs: the ones every seating needs plus
// the service's own, in print order.
func kindsFor(p clinic.Procedure) []string {
	var out []string
	for _, k := range doctemplate.Kinds {
		if slices.Contains(SeatingKinds, k) || slices.Contains(p.RequiredDocuments, k) {
			out = append(out, k)
		}
	}
	return out
}

// seatingKinds are those of kinds that must be signed before seating.
func seatingKinds(kinds []string) []string {
	var out []string
	for _, k := range kinds {
		if slices.Contains(SeatingKinds, k) || slices.Contains(procedureConsents, k) {
			out = append(out, k)
		}
	}
	return out
}

// dataHash fingerprints the data every document of the visit is made from; a
// document whose hash differs was made from data that has changed since.
func dataHash(d doctemplate.Data) (string, error) {
	d.Document = doctemplate.DocumentInfo{}
	raw, err := json.Marshal(d)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:]), nil
}

func localeOf(p clinic.Patient, b clinic.Branch) string {
	for _, l := range []string{p.Locale, b.Locale} {
		if slices.Contains(doctemplate.Locales, l) {
			return l
		}
	}
	return doctemplate.FallbackLocale
}

func zoneOf(b clinic.Branch) *time.Location {
	if loc, err := time.LoadLocation(b.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// cityOf finds the town in a one-line branch address ("ul. Puławska 145, 02-715
// Warszawa", "48 Harley Street, London W1G 9PU", "ул. Тверская, д. 12, Москва,
// 125009"): the last comma-separated part that is more than a postal code, without
// the words that hold digits. The directory keeps no separate city field.
func cityOf(address string) string {
	parts := strings.Split(address, ",")
	for i := len(parts) - 1; i > 0; i-- {
		var words []string
		for _, w := range strings.Fields(parts[i]) {
			if !strings.ContainsAny(w, "0123456789") {
				words = append(words, w)
			}
		}
		if len(words) > 0 {
			return strings.Join(words, " ")
		}
	}
	return ""
}

func firstOf(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
