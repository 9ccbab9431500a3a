package doctemplate

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// fillWith loads src as the contract template of locale and fills it with d.
func fillWith(t *testing.T, locale, src string, d Data) string {
	t.Helper()
	s, err := Load(fstest.MapFS{locale + "/contract.md": {Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.Fill(Contract, locale, d)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(f.Markdown)
}

func TestDatesAndMoneyReadAsTheLocaleWrites(t *testing.T) {
	d := Data{
		Document:    DocumentInfo{Date: time.Date(2026, 1, 2, 23, 30, 0, 0, time.UTC)},
		Branch:      Branch{TimeZone: "Europe/Stockholm"},
		Appointment: Appointment{Start: time.Date(2026, 1, 2, 13, 5, 0, 0, time.UTC)},
		Plan:        Plan{Total: Money{Minor: 150000}},
	}
	src := "{{date .Document.Date}} | {{datetime .Appointment.Start}} | {{time .Appointment.Start}} | {{money .Plan.Total}} | {{year .Document.Date}}"
	want := map[string]string{
		"en": "3 January 2026 | 2 January 2026, 14:05 | 14:05 | €1,500.00 | 2026",
		"ru": "3 января 2026 г. | 2 января 2026 г., 14:05 | 14:05 | 1 500,00 ₽ | 2026",
		"pl": "3 stycznia 2026 | 2 stycznia 2026, godz. 14:05 | 14:05 | 1 500,00 zł | 2026",
		"sv": "3 januari 2026 | 2 januari 2026 kl. 14:05 | 14:05 | 1 500,00 kr | 2026",
	}
	for locale, w := range want {
		if got := fillWith(t, locale, src, d); got != w {
			t.Errorf("%s: got %q, want %q", locale, got, w)
		}
	}
}

func TestMoneyFormats(t *testing.T) {
	cases := []struct {
		locale string
		m      Money
		want   string
	}{
		{"en", Money{150000, "EUR"}, "€1,500.00"},
		{"en", Money{123456789, "USD"}, "$1,234,567.89"},
		{"en", Money{-505, "GBP"}, "-£5.05"},
		{"en", Money{150000, "PLN"}, "1,500.00 zł"},
		{"ru", Money{150000, "RUB"}, "1 500,00 ₽"},
		{"ru", Money{99, "EUR"}, "0,99 €"},
		{"pl", Money{100000000, ""}, "1 000 000,00 zł"},
		{"sv", Money{150050, "SEK"}, "1 500,50 kr"},
		{"sv", Money{1000, "NOK"}, "10,00 NOK"},
	}
	for _, c := range cases {
		if got := formatsFor(c.locale).money(c.m); got != c.want {
			t.Errorf("%s %v: got %q, want %q", c.locale, c.m, got, c.want)
		}
	}
}

func TestWordsAndBlanks(t *testing.T) {
	src := "{{yesno true}} {{yesno .Answers.consent_data}} {{sex .Patient.Sex}} {{join .Alerts \", \"}} {{blank .Patient.Phone}} {{date .Patient.BirthDate}} {{inc 1}}"
	d := Data{Patient: Person{Sex: "female"}, Answers: map[string]string{"consent_data": "false"}, Alerts: []string{"a", "b"}}
	want := map[string]string{
		"en": `Yes No female a, b \_\_\_\_\_\_\_\_\_\_\_\_ \_\_\_\_\_\_\_\_\_\_\_\_ 2`,
		"ru": `Да Нет женский a, b \_\_\_\_\_\_\_\_\_\_\_\_ \_\_\_\_\_\_\_\_\_\_\_\_ 2`,
		"pl": `Tak Nie kobieta a, b \_\_\_\_\_\_\_\_\_\_\_\_ \_\_\_\_\_\_\_\_\_\_\_\_ 2`,
		"sv": `Ja Nej kvinna a, b \_\_\_\_\_\_\_\_\_\_\_\_ \_\_\_\_\_\_\_\_\_\_\_\_ 2`,
	}
	for locale, w := range want {
		if got := fillWith(t, locale, src, d); got != w {
			t.Errorf("%s: got %q, want %q", locale, got, w)
		}
	}
}
