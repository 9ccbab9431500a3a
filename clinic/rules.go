package clinic

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The HTTP layer checks shapes and lengths; the rules here hold for every caller (the
// API, the demo seeder, later importers), so they are checked again in the service.

// problems collects field errors so one answer names every bad field.
type problems []fault.FieldError

func (p *problems) add(field, code, message string) {
	*p = append(*p, fault.FieldError{Field: field, Code: code, Message: message})
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return fault.Fields(p...)
}

// vars checks single values with validator's catalogue of codes (ISO countries,
// currencies, e-mail), the same one the HTTP layer uses.
var vars = validator.New()

var token = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)

func isUUID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

func newID() string {
	return uuid.Must(uuid.NewV7()).String()
}

func requireText(p *problems, field, value string) {
	if strings.TrimSpace(value) == "" {
		p.add(field, "required", "is required")
	}
}

func checkLocale(p *problems, field, locale string) {
	if !slices.Contains(Locales, locale) {
		p.add(field, "oneof", "must be one of: "+strings.Join(Locales, " "))
	}
}

func checkCountry(p *problems, field, country string) {
	if vars.Var(country, "required,iso3166_1_alpha2") != nil {
		p.add(field, "iso3166_1_alpha2", "must be an ISO 3166 two-letter country code")
	}
}

func checkCurrency(p *problems, field, currency string) {
	if vars.Var(currency, "required,iso4217") != nil {
		p.add(field, "iso4217", "must be an ISO 4217 currency code")
	}
}

// checkTimeZone accepts IANA names only: "" and "Local" load without error but mean
// UTC and the server's own zone, neither of which says where the branch is.
func checkTimeZone(p *problems, field, tz string) {
	if tz == "" || tz == "Local" {
		p.add(field, "timezone", "must be an IANA time zone")
		return
	}
	if _, err := time.LoadLocation(tz); err != nil {
		p.add(field, "timezone", "must be an IANA time zone, e.g. Europe/Warsaw")
	}
}

// checkTokens validates lowercase tokens (capabilities, document kinds) and returns them
// sorted without repeats, so stored lists compare equal however they were sent.
func checkTokens(p *problems, field string, in []string) []string {
	out := make([]string, 0, len(in))
	for i, t := range in {
		if !token.MatchString(t) {
			p.add(field+"["+strconv.Itoa(i)+"]", "token", "must be a lowercase token like xray or hygiene")
			continue
		}
		out = append(out, t)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func checkToken(p *problems, field, t string) {
	if t != "" && !token.MatchString(t) {
		p.add(field, "token", "must be a lowercase token like xray or hygiene")
	}
}
