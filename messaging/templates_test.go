package messaging

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
)

func TestEveryLocaleHasEveryTemplate(t *testing.T) {
	tpl := DefaultTemplates()
	for _, locale := range clinic.Locales {
		for name := range templateFields {
			if tpl.byLocale[locale][name] == nil {
				t.Errorf("%s/%s.tmpl is missing", locale, name)
			}
		}
	}
}

func TestRenderFillsTheLocalDateAndTheLink(t *testing.T) {
	tpl := DefaultTemplates()
	warsaw, _ := time.LoadLocation("Europe/Warsaw")
	start := time.Date(2030, 3, 4, 9, 30, 0, 0, warsaw) // a Monday
	want := map[string]string{"en": "Mon 4 Mar 2030 at 09:30", "pl": "pon., 04.03.2030, godz. 09:30",
		"ru": "пн, 04.03.2030 в 09:30", "sv": "mån 2030-03-04 kl. 09:30"}
	for locale, date := range want {
		body, err := tpl.Render(locale, TemplateBookingConfirmation, map[string]any{"Clinic": "C", "Service": "S",
			"Doctor": "D", "Start": start, "Address": "A", "Link": "https://x.test/visit/tok"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(body, date) || !strings.HasSuffix(body, "https://x.test/visit/tok") {
			t.Errorf("%s: %q lacks %q or the link at the end", locale, body, date)
		}
	}
}

func TestRenderRefusesMissingDataAndUnknownTemplates(t *testing.T) {
	tpl := DefaultTemplates()
	if _, err := tpl.Render("pl", TemplateCode, map[string]any{"Code": "1"}); err == nil {
		t.Error("a missing field rendered")
	}
	if _, err := tpl.Render("pl", "nope", nil); err != ErrUnknownTemplate {
		t.Errorf("unknown template: %v", err)
	}
	if body, err := tpl.Render("de", TemplateCode, templateFields[TemplateCode]); err != nil || !strings.HasPrefix(body, "Your") {
		t.Errorf("an unknown locale falls back to English: %q %v", body, err)
	}
}

func TestOverridesReplaceDefaultsAndAreCheckedAtLoad(t *testing.T) {
	ok := fstest.MapFS{"pl/code.tmpl": {Data: []byte("Kod: {{.Code}}")}}
	tpl, err := LoadTemplates(ok)
	if err != nil {
		t.Fatal(err)
	}
	if body, _ := tpl.Render("pl", TemplateCode, templateFields[TemplateCode]); body != "Kod: 123456" {
		t.Errorf("override not used: %q", body)
	}
	bad := map[string]fstest.MapFS{
		"unknown field": {"pl/code.tmpl": {Data: []byte("{{.Pin}}")}},
		"unknown name":  {"pl/hello.tmpl": {Data: []byte("hi")}},
		"syntax":        {"pl/code.tmpl": {Data: []byte("{{.Code")}},
		"wrong type":    {"en/booking_confirmation.tmpl": {Data: []byte("{{datetime .Link}}")}},
	}
	for name, fsys := range bad {
		if _, err := LoadTemplates(fsys); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
}
