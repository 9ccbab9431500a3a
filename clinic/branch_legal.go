package clinic

import (
	"net/mail"
	"strings"
)

// BranchLegal is the legal person behind a branch as its contracts name it. The numbers
// are what the branch's country calls them: tax number (NIP, ИНН, VAT), company number
// (REGON, ОГРН, organisationsnummer, Companies House number) and medical register
// number (RPWDL book, IVO registration, CQC provider id); Licence is the medical
// licence (Russia) in words. All optional: an empty one is left off the papers.
type BranchLegal struct {
	LegalName             string `db:"legal_name"`
	TaxNumber             string `db:"tax_number"`
	CompanyNumber         string `db:"company_number"`
	MedicalRegisterNumber string `db:"medical_register_number"`
	Licence               string `db:"licence"`
	Email                 string `db:"email"`
	// ContractPrefix starts the branch's contract numbers (MOK in MOK/2026/000123).
	ContractPrefix string `db:"contract_prefix"`
	// ConsentAge is the age of medical consent; 0 means the country's default.
	ConsentAge int `db:"consent_age"`
}

// BranchLegalPatch changes the legal details it sets.
type BranchLegalPatch struct {
	LegalName, TaxNumber, CompanyNumber, MedicalRegisterNumber *string
	Licence, Email, ContractPrefix                             *string
	ConsentAge                                                 *int
}

const legalColumns = `legal_name, tax_number, company_number, medical_register_number, licence, email,
	contract_prefix, consent_age`

// consentAges are the ages of medical consent by country where the law differs from
// 18: Russia 15 (Federal law 323-FZ art. 54), Great Britain 16 (Family Law Reform Act
// 1969 s. 8; Scotland's Age of Legal Capacity Act 1991).
var consentAges = map[string]int{"RU": 15, "GB": 16}

// DefaultConsentAge is the age of medical consent where no country rule says otherwise.
const DefaultConsentAge = 18

// ConsentAgeOf is the age from which a branch's patient consents alone: the branch's
// own setting, else its country's default.
func ConsentAgeOf(b Branch) int {
	if b.Legal.ConsentAge > 0 {
		return b.Legal.ConsentAge
	}
	if age, ok := consentAges[b.Country]; ok {
		return age
	}
	return DefaultConsentAge
}

// patchLegal copies the legal details p sets into l.
func patchLegal(l *BranchLegal, p BranchLegalPatch) {
	setIf(&l.LegalName, p.LegalName)
	setIf(&l.TaxNumber, p.TaxNumber)
	setIf(&l.CompanyNumber, p.CompanyNumber)
	setIf(&l.MedicalRegisterNumber, p.MedicalRegisterNumber)
	setIf(&l.Licence, p.Licence)
	setIf(&l.Email, p.Email)
	setIf(&l.ContractPrefix, p.ContractPrefix)
	setIf(&l.ConsentAge, p.ConsentAge)
}

// prepareLegal trims the legal details and checks the e-mail, the prefix (letters and
// digits, it goes into every contract number) and the consent age.
func prepareLegal(p *problems, l *BranchLegal) {
	for _, f := range []*string{&l.LegalName, &l.TaxNumber, &l.CompanyNumber, &l.MedicalRegisterNumber, &l.Licence, &l.Email} {
		*f = strings.TrimSpace(*f)
	}
	l.ContractPrefix = strings.ToUpper(strings.TrimSpace(l.ContractPrefix))
	if l.Email != "" {
		if a, err := mail.ParseAddress(l.Email); err != nil || a.Address != l.Email {
			p.add("email", "email", "must be an e-mail address")
		}
	}
	if strings.IndexFunc(l.ContractPrefix, func(r rune) bool { return (r < 'A' || r > 'Z') && (r < '0' || r > '9') }) >= 0 {
		p.add("contract_prefix", "alphanum", "must be Latin letters and digits")
	}
	if l.ConsentAge != 0 && (l.ConsentAge < 12 || l.ConsentAge > 21) {
		p.add("consent_age", "range", "must be between 12 and 21, or 0 for the country's default")
	}
}
