package messaging

import (
	"maps"
	"strings"
	"testing"
)

// realisticShortLink is a link as a patient gets it: links are shortened to
// --public-url + /l/ + an 11-character code before sending, and a clinic's public URL
// is rarely shorter than this one.
const realisticShortLink = "https://book.clinic.pl/l/AbCdEfGhIjK"

// notSMS are the templates no patient gets by SMS: a supplier's e-mail, a line on the
// desk's task list, the words a caller reads out, the board's daily digest to staff.
var notSMS = map[string]bool{TemplatePurchaseOrder: true, TemplateFollowUpTask: true,
	TemplateFollowUpScript: true, TemplateStockDigest: true}

// smsSample is a template's sample with every link as a patient would get it.
func smsSample(name string) map[string]any {
	data := maps.Clone(templateFields[name])
	for k, v := range data {
		if s, ok := v.(string); ok && strings.HasSuffix(k, "Link") && strings.HasPrefix(s, "http") {
			data[k] = realisticShortLink
		}
	}
	return data
}

// Every text a patient gets by SMS costs at most two segments in every language
// (a Polish or Russian letter turns the whole text to UCS-2, 67 characters a part):
// a third segment is a third charge on every message the clinic sends.
func TestPatientTextsFitTwoSegments(t *testing.T) {
	tpl := DefaultTemplates()
	for name := range templateFields {
		if notSMS[name] {
			continue
		}
		for _, locale := range []string{"en", "pl", "ru", "sv"} {
			body, err := tpl.Render(locale, name, smsSample(name))
			if err != nil {
				t.Fatalf("%s/%s: %v", locale, name, err)
			}
			if n, enc := Segments(body); n > 2 {
				t.Errorf("%s/%s is %d %s segments (%d characters):\n%s", locale, name, n, enc, len([]rune(body)), body)
			}
		}
	}
}

// Every text a patient gets names the clinic it comes from (the branch's name in
// Clinic): a text from an unknown sender asking to follow a link reads as phishing.
func TestPatientTextsNameTheClinic(t *testing.T) {
	tpl := DefaultTemplates()
	for name := range templateFields {
		if notSMS[name] || name == TemplateFreeText {
			continue
		}
		clinic, ok := templateFields[name]["Clinic"].(string)
		if !ok {
			t.Errorf("%s is not given the clinic's name", name)
			continue
		}
		for _, locale := range []string{"en", "pl", "ru", "sv"} {
			body, err := tpl.Render(locale, name, smsSample(name))
			if err != nil {
				t.Fatalf("%s/%s: %v", locale, name, err)
			}
			if !strings.Contains(body, clinic) {
				t.Errorf("%s/%s does not name the clinic: %s", locale, name, body)
			}
		}
	}
}
