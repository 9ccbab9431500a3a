package selfservice

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/visit"
)

// TestPageTextsAreComplete: every language fills every string, names every status and
// reason, and keeps the format verbs the page fills in.
func TestPageTextsAreComplete(t *testing.T) {
	verbs := map[string]string{"ChangeUntil": "%s", "CallBtn": "%s", "MoveHint": "%s", "ErrTooLong": "%d"}
	for _, locale := range pageLocales {
		text := reflect.ValueOf(*pageTexts[locale])
		for i := range text.NumField() {
			name, v := text.Type().Field(i).Name, text.Field(i)
			if v.Kind() != reflect.String {
				continue
			}
			if v.String() == "" {
				t.Errorf("%s: %s is empty", locale, name)
			}
			if want := verbs[name]; strings.Count(v.String(), "%") != len(want)/2 || !strings.Contains(v.String(), want) {
				t.Errorf("%s: %s = %q, want the verb %q once", locale, name, v.String(), want)
			}
		}
		for _, s := range []visit.Status{visit.Held, visit.Booked, visit.Confirmed, visit.Arrived, visit.Seated, visit.Completed, visit.Cancelled, visit.NoShow, visit.Released, visit.Rescheduled} {
			if pageTexts[locale].Statuses[s] == "" {
				t.Errorf("%s: no name for status %s", locale, s)
			}
		}
		for _, key := range cancelReasons {
			if pageTexts[locale].Reasons[key] == "" {
				t.Errorf("%s: no label for reason %s", locale, key)
			}
		}
	}
}

func TestPageDates(t *testing.T) {
	warsaw, _ := time.LoadLocation("Europe/Warsaw")
	start := time.Date(2026, 5, 12, 9, 30, 0, 0, warsaw) // a Tuesday
	want := map[string][3]string{
		"en": {"Tuesday, 12 May 2026, 09:30–10:00", "12 May 2026 at 09:30", "Tuesday, 12 May"},
		"ru": {"вторник, 12 мая 2026 г., 09:30–10:00", "12 мая 2026 г., 09:30", "Вторник, 12 мая"},
		"pl": {"wtorek, 12 maja 2026 r., 09:30–10:00", "12 maja 2026 r., godz. 09:30", "Wtorek, 12 maja"},
		"sv": {"tisdag 12 maj 2026, 09:30–10:00", "12 maj 2026 kl. 09:30", "Tisdag 12 maj"},
		"de": {"Tuesday, 12 May 2026, 09:30–10:00", "12 May 2026 at 09:30", "Tuesday, 12 May"},
	}
	for locale, w := range want {
		d := datesFor(locale)
		got := [3]string{d.span(start, start.Add(30*time.Minute)), d.deadline(start), d.heading(start)}
		if got != w {
			t.Errorf("%s: %q, want %q", locale, got, w)
		}
	}
}

func TestAcceptLocale(t *testing.T) {
	for header, want := range map[string]string{
		"":                            "en",
		"ru-RU,ru;q=0.9,en-US;q=0.8":  "ru",
		"de-DE,de;q=0.9":              "en",
		"de-DE,sv;q=0.8,en;q=0.5":     "sv",
		"pl":                          "pl",
		"en-GB,en;q=0.9":              "en",
		"nb-NO,nb;q=0.9,da;q=0.8":     "en",
		"*":                           "en",
		";;;garbage":                  "en",
		strings.Repeat("xx-XX,", 200): "en",
	} {
		if got := acceptLocale(header); got != want {
			t.Errorf("acceptLocale(%.40q) = %s, want %s", header, got, want)
		}
	}
}

func TestStaffReasonIsInTheBranchLanguage(t *testing.T) {
	if got := staffReason("ru", "schedule", "  работа "); got != "Мне больше не подходит это время: работа" {
		t.Errorf("got %q", got)
	}
	if got := staffReason("xx", "better", ""); got != "I feel better" {
		t.Errorf("got %q", got)
	}
}
