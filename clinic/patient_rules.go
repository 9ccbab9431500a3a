package clinic

import (
	"slices"
	"strings"
	"time"
)

// Sexes are the values Patient.Sex may hold besides "" (not given).
var Sexes = []string{"female", "male", "other"}

// preparePatient normalises a card (trimmed names, E.164 phone, defaults from the
// branch) and checks the rules every card keeps.
func preparePatient(p *Patient, branch Branch, now time.Time) error {
	var pr problems
	p.FirstName, p.LastName = strings.TrimSpace(p.FirstName), strings.TrimSpace(p.LastName)
	p.MiddleName, p.Email = strings.TrimSpace(p.MiddleName), strings.TrimSpace(p.Email)
	p.Address, p.IDDocument = strings.TrimSpace(p.Address), strings.TrimSpace(p.IDDocument)
	requireText(&pr, "first_name", p.FirstName)
	requireText(&pr, "last_name", p.LastName)
	checkBirthDate(&pr, p.BirthDate, branch, now)
	if p.Sex != "" && !slices.Contains(Sexes, p.Sex) {
		pr.add("sex", "oneof", "must be one of: "+strings.Join(Sexes, " "))
	}
	checkPatientPhone(&pr, p, branch.Country)
	if p.Email != "" && vars.Var(p.Email, "email") != nil {
		pr.add("email", "email", "must be an e-mail address")
	}
	p.Locale = orDefault(p.Locale, branch.Locale)
	checkLocale(&pr, "locale", p.Locale)
	checkChannels(&pr, p)
	return pr.err()
}

func checkPatientPhone(pr *problems, p *Patient, country string) {
	phone, ok := NormalizePhone(p.Phone, country)
	switch {
	case strings.TrimSpace(p.Phone) == "":
		pr.add("phone", "required", "is required")
	case !ok:
		pr.add("phone", "phone", "must be a valid phone number for "+country+", or in international format (+…)")
	default:
		p.Phone = phone
	}
}

// checkBirthDate accepts YYYY-MM-DD from 1900 up to today at the branch.
func checkBirthDate(pr *problems, date string, branch Branch, now time.Time) {
	if date == "" {
		return
	}
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		pr.add("birth_date", "date", "must be a date YYYY-MM-DD")
		return
	}
	today := now.In(branchZone(branch)).Format(time.DateOnly)
	if date > today || d.Year() < 1900 {
		pr.add("birth_date", "range", "must be a date between 1900-01-01 and today")
	}
}

func branchZone(b Branch) *time.Location {
	loc, err := time.LoadLocation(b.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

func checkChannels(pr *problems, p *Patient) {
	p.PreferredChannel = orDefault(p.PreferredChannel, "sms")
	if !slices.Contains(Channels, p.PreferredChannel) {
		pr.add("preferred_channel", "oneof", "must be one of: "+strings.Join(Channels, " "))
	} else if p.PreferredChannel == "email" && p.Email == "" {
		pr.add("email", "required_if", "is required when the preferred channel is email")
	}
	if p.Consents == nil {
		p.Consents = map[string]Consent{}
	}
	for ch := range p.Consents {
		if !slices.Contains(Channels, ch) {
			pr.add("consents."+ch, "channel", "must be one of: "+strings.Join(Channels, " "))
		}
	}
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// searchName is what name search matches: "last first middle", lower-cased with single
// spaces, so "Kowal" and "kowalski jan" both find Jan Kowalski.
func searchName(p Patient) string {
	return normalizeName(p.LastName + " " + p.FirstName + " " + p.MiddleName)
}

func normalizeName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// dedupeKey identifies a person for duplicate detection: the phone with the birth
// date, or with the name when the birth date is unknown.
func dedupeKey(p Patient) string {
	if p.BirthDate != "" {
		return p.Phone + "|born " + p.BirthDate
	}
	return p.Phone + "|name " + searchName(p)
}
