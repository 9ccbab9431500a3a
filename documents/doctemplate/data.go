// Package doctemplate loads the clinic's document templates (contract, consents,
// questionnaire summary, treatment plan) and fills them with a visit's data.
package doctemplate

import "time"

// Kinds of documents: stable ids used in DB rows, services' required documents and file names.
const (
	Contract             = "contract"
	ConsentGeneral       = "consent_general"
	ConsentAnaesthesia   = "consent_anaesthesia"
	ConsentExtraction    = "consent_extraction"
	ConsentRootCanal     = "consent_root_canal"
	ConsentImplant       = "consent_implant"
	ConsentWhitening     = "consent_whitening"
	ConsentPersonalData  = "consent_personal_data"
	QuestionnaireSummary = "questionnaire_summary"
	TreatmentPlan        = "treatment_plan"
)

// Kinds lists every document kind in the order a pack prints them.
var Kinds = []string{
	Contract, ConsentGeneral, ConsentAnaesthesia, ConsentExtraction, ConsentRootCanal,
	ConsentImplant, ConsentWhitening, ConsentPersonalData, QuestionnaireSummary, TreatmentPlan,
}

// Locales are the languages every default template exists in; en is the fallback.
var Locales = []string{"en", "ru", "pl", "sv"}

// Data is what a template sees. Callers pass raw values; Fill escapes every string
// of a copy, so callers never escape themselves.
type Data struct {
	Document    DocumentInfo
	Clinic      Clinic
	Branch      Branch
	Patient     Person
	Guardian    *Guardian // nil for a patient of the age of consent
	Doctor      Doctor
	Appointment Appointment
	Plan        Plan
	Answers     map[string]string // questionnaire answers by linkId, display text in the locale
	Alerts      []string          // medical alert lines
	Locale      string
}

// DocumentInfo identifies the document being made. Number is the visit's human
// contract number (MOK/2026/000123), the same on every document of the visit.
type DocumentInfo struct {
	ID     string
	Kind   string
	Date   time.Time
	Number string
}

// Clinic is the legal party that provides the care. Name is the legal name (the
// branch's name when none is set). The numbers are what the country calls them:
// TaxID (NIP, ИНН, VAT), CompanyNumber (REGON, ОГРН, organisationsnummer, company
// number), MedicalRegisterNumber (RPWDL, IVO, CQC); Licence is the medical licence.
type Clinic struct {
	Name, LegalName, TaxID, Address, City, Phone, Email, Currency string
	CompanyNumber, MedicalRegisterNumber, Licence                 string
}

// Branch is where the visit takes place.
type Branch struct {
	Name, Address, Phone, TimeZone string
}

// Person is the patient as the card and questionnaire know them.
type Person struct {
	FirstName, LastName, FullName string
	BirthDate                     *time.Time
	Sex, Phone, Email, Address    string
	IDDocument                    string
	Age                           int
}

// Guardian signs for a patient under the branch's age of medical consent. Relation
// is in the document's language; empty fields print as blanks to fill in by hand.
type Guardian struct {
	Name, Relation, Document, Phone string
}

// Doctor is the treating doctor.
type Doctor struct {
	FullName, Specialty string
}

// Appointment is the visit; Start and End are in the branch's zone.
type Appointment struct {
	ID         string
	Start, End time.Time
	Service    string
}

// Plan is the treatment plan with its cost estimate.
type Plan struct {
	Items []PlanItem
	Total Money
}

// PlanItem is one line of the treatment plan.
type PlanItem struct {
	Name  string
	Qty   int
	Price Money
}

// Money is an amount in minor units (cents, kopecks, grosze, öre).
type Money struct {
	Minor    int64
	Currency string
}

// Filled is one template filled with a visit's data, ready to typeset.
type Filled struct {
	Kind, Locale, Title, Markdown string
	TemplateID                    string // "<locale>/<kind>"
	Hash                          string // sha256 hex of the template source
}
