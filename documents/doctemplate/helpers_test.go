package doctemplate

import (
	"testing"
	"time"
)

// richVisit is a minor's visit in locale with names in the locale's alphabet,
// a guardian, a plan, answers to every question and alerts.
func richVisit(locale string) Data {
	d := sampleData(locale)
	names := map[string][2]string{"ru": {"Дарья", "Ёлкина"}, "pl": {"Zażółć", "Gęślą"}, "sv": {"Åsa", "Öberg"}, "en": {"Ann", "O'Brien"}}
	n := names[locale]
	d.Patient.FirstName, d.Patient.LastName, d.Patient.FullName = n[0], n[1], n[1]+" "+n[0]
	d.Branch.TimeZone = "Europe/Warsaw"
	d.Appointment.Start = time.Date(2026, 1, 2, 8, 30, 0, 0, time.UTC)
	d.Answers["allergies"] = "penicillin\nlatex"
	return d
}

// adultVisit is an adult with no guardian, no plan, no answers and no alerts.
func adultVisit(locale string) Data {
	d := richVisit(locale)
	d.Guardian, d.Plan, d.Answers, d.Alerts = nil, Plan{}, nil, nil
	return d
}

func mustLoad(t testing.TB) *Set {
	t.Helper()
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
