package documents

import (
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
)

// clinicOf is the legal party of a branch's papers: the legal person and its numbers
// when the branch names them, else the branch itself.
func clinicOf(b clinic.Branch) doctemplate.Clinic {
	l := b.Legal
	return doctemplate.Clinic{Name: firstOf(l.LegalName, b.Name), LegalName: l.LegalName, TaxID: l.TaxNumber,
		CompanyNumber: l.CompanyNumber, MedicalRegisterNumber: l.MedicalRegisterNumber, Licence: l.Licence,
		Address: b.Address, City: cityOf(b.Address), Phone: phoneText(b.Phone), Email: l.Email, Currency: b.Currency}
}

// phoneText prints a stored E.164 number as the patient pages show it (+48 22 123 45
// 67); what does not read as a number is printed as stored.
func phoneText(e164 string) string {
	n, err := phonenumbers.Parse(e164, "")
	if err != nil || e164 == "" {
		return e164
	}
	return phonenumbers.Format(n, phonenumbers.INTERNATIONAL)
}

// guardianOf is who signs for the patient. A patient under the branch's age of
// medical consent is represented by the first guardian on the card, else by the one
// the questionnaire names, else by blank lines to fill in by hand; a patient of age
// signs alone. Without a birth date the questionnaire's guardian (if any) is believed.
func guardianOf(src sources, answers map[string]string, p doctemplate.Person, locale string) *doctemplate.Guardian {
	asked := questionnaireGuardian(answers)
	if p.BirthDate == nil {
		return asked
	}
	if p.Age >= clinic.ConsentAgeOf(src.branch) {
		return nil
	}
	if len(src.guardians) > 0 {
		g := src.guardians[0]
		return &doctemplate.Guardian{Name: fullName(g.Patient, locale), Relation: relationIn(g.Relation, locale),
			Document: g.Patient.IDDocument, Phone: phoneText(g.Patient.Phone)}
	}
	if asked != nil {
		return asked
	}
	return &doctemplate.Guardian{}
}

// questionnaireGuardian is the guardian the questionnaire's answers name, or nil.
func questionnaireGuardian(answers map[string]string) *doctemplate.Guardian {
	name := strings.TrimSpace(answers["guardian_name"])
	if name == "" {
		return nil
	}
	return &doctemplate.Guardian{Name: name, Relation: answers["guardian_relation"], Document: answers["guardian_document"]}
}

// relations are the card's guardian relations in each document language.
var relations = map[string]map[string]string{
	"en": {"mother": "mother", "father": "father", "guardian": "legal guardian"},
	"pl": {"mother": "matka", "father": "ojciec", "guardian": "opiekun prawny"},
	"ru": {"mother": "мать", "father": "отец", "guardian": "опекун"},
	"sv": {"mother": "mor", "father": "far", "guardian": "särskilt förordnad vårdnadshavare"},
}

func relationIn(code, locale string) string {
	if text, ok := relations[locale][code]; ok {
		return text
	}
	return code
}
