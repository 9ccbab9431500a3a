package doctemplate

import (
	"errors"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/frontdeskhq/frontdesk/documents/pdf"
	"github.com/frontdeskhq/frontdesk/templates"
)

func TestEveryDefaultTemplateExists(t *testing.T) {
	for _, locale := range Locales {
		for _, kind := range Kinds {
			if _, err := fs.Stat(templates.Documents, "documents/"+locale+"/"+kind+".md"); err != nil {
				t.Errorf("missing default template: %v", err)
			}
		}
	}
}

func TestEveryTemplateFillsInEveryLocale(t *testing.T) {
	s := mustLoad(t)
	hash := regexp.MustCompile(`^[0-9a-f]{64}$`)
	for _, locale := range Locales {
		for _, kind := range Kinds {
			for name, d := range map[string]Data{"minor": richVisit(locale), "adult": adultVisit(locale), "empty": {}} {
				f, err := s.Fill(kind, locale, d)
				if err != nil {
					t.Fatalf("%s/%s %s: %v", locale, kind, name, err)
				}
				if f.TemplateID != locale+"/"+kind || f.Kind != kind || f.Locale != locale || f.Title == "" || !hash.MatchString(f.Hash) {
					t.Errorf("%s/%s %s: filled %+v", locale, kind, name, Filled{Kind: f.Kind, Locale: f.Locale, Title: f.Title, TemplateID: f.TemplateID, Hash: f.Hash})
				}
				if err := pdf.CheckMarkdown(f.Markdown); err != nil {
					t.Errorf("%s/%s %s: %v", locale, kind, name, err)
				}
				if name != "empty" && !strings.Contains(f.Markdown, d.Patient.FullName) && !strings.Contains(f.Markdown, pdf.Escape(d.Patient.FullName)) {
					t.Errorf("%s/%s %s: the patient's name is missing", locale, kind, name)
				}
				if strings.Contains(f.Markdown, "<no value>") {
					t.Errorf("%s/%s %s: <no value> in output", locale, kind, name)
				}
			}
		}
	}
}

func TestGuardianSignsForAMinor(t *testing.T) {
	s := mustLoad(t)
	minor, err := s.Fill(ConsentGeneral, "en", richVisit("en"))
	if err != nil {
		t.Fatal(err)
	}
	adult, err := s.Fill(ConsentGeneral, "en", adultVisit("en"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(minor.Markdown, "[signature: Legal guardian]") || strings.Contains(minor.Markdown, "[signature: Patient]") {
		t.Errorf("minor's consent:\n%s", minor.Markdown)
	}
	if !strings.Contains(adult.Markdown, "[signature: Patient]") || strings.Contains(adult.Markdown, "guardian") {
		t.Errorf("adult's consent:\n%s", adult.Markdown)
	}
}

func TestOverrideReplacesOneTemplate(t *testing.T) {
	defaults := mustLoad(t)
	src := "# Our contract\n\nPatient: {{.Patient.FullName}}\n\n[signature: Patient]\n"
	s, err := Load(fstest.MapFS{"en/contract.md": {Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := defaults.Fill(Contract, "en", richVisit("en"))
	after, err := s.Fill(Contract, "en", richVisit("en"))
	if err != nil {
		t.Fatal(err)
	}
	if after.Hash == before.Hash || after.Title != "Our contract" || after.Markdown != "Patient: O\\'Brien Ann\n\n[signature: Patient]\n" {
		t.Errorf("override not used: %+v", after)
	}
	for _, kind := range []string{ConsentGeneral, TreatmentPlan} {
		a, _ := defaults.Fill(kind, "en", richVisit("en"))
		b, _ := s.Fill(kind, "en", richVisit("en"))
		if a.Hash != b.Hash {
			t.Errorf("%s changed although not overridden", kind)
		}
	}
	if other, _ := s.Fill(Contract, "ru", richVisit("ru")); other.Hash == after.Hash {
		t.Error("the ru contract took the en override")
	}
}

func TestLocaleFallsBackToEnglish(t *testing.T) {
	s, err := Load(fstest.MapFS{"de/contract.md": {Data: []byte("# Vertrag\n\n{{.Patient.FullName}}\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := s.Fill(Contract, "de", richVisit("en")); f.TemplateID != "de/contract" || f.Locale != "de" {
		t.Errorf("de contract: %+v", f)
	}
	if f, _ := s.Fill(ConsentGeneral, "de", richVisit("en")); f.TemplateID != "en/consent_general" || f.Locale != "en" {
		t.Errorf("de consent falls back: %+v", f)
	}
	s, err = Load(fstest.MapFS{"ru/contract.md": {Data: []byte("{{.Patient.FullName}}\n")}, "de/treatment_plan.md": {Data: []byte("x\n")}})
	if err != nil {
		t.Fatal(err)
	}
	ru, _ := s.Fill(Contract, "ru", richVisit("ru"))
	de, _ := s.Fill(TreatmentPlan, "de", richVisit("ru"))
	if ru.Title != "Договор на оказание платных стоматологических услуг" || de.Title != "Treatment Plan and Cost Estimate" {
		t.Errorf("titles of overrides without a title line: %q, %q", ru.Title, de.Title)
	}
	if !s.Has(ConsentImplant, "fi") || s.Has("prescription", "en") {
		t.Error("Has")
	}
	if _, err := s.Fill("prescription", "en", Data{}); !errors.Is(err, ErrUnknownTemplate) {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestBrokenTemplatesAreRefusedWithFileAndLine(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"syntax", "# T\n\nHello {{.Patient.FullName\n", "documents/en/contract.md:3: "},
		{"unknown field", "# T\n\nok\n\n{{.Patient.Nope}}\n", "documents/en/contract.md:5: .Patient.Nope: Person has no field Nope"},
		{"unknown field in range", "{{range .Plan.Items}}\n{{.Price.Amount}}{{end}}", "documents/en/contract.md:2: .Price.Amount: Money has no field Amount"},
		{"unknown field in with", "{{with .Guardian}}\n\n{{.Fax}}{{end}}", "documents/en/contract.md:3: .Fax: Guardian has no field Fax"},
		{"unknown field via $", "{{range .Alerts}}{{$.Clinic.Nope}}{{end}}", "documents/en/contract.md:1: $.Clinic.Nope: Clinic has no field Nope"},
		{"unknown answer", "a\n{{.Answers.nope}}", `documents/en/contract.md:2: .Answers.nope: "nope" is not a question of the dental-intake questionnaire`},
		{"unknown answer by index", "a\n\nb {{index .Answers \"favourite_colour\"}}", `documents/en/contract.md:3: "favourite_colour" is not a question`},
		{"unknown function", "a\n{{shout .Patient.FullName}}", `documents/en/contract.md:2: function "shout" not defined`},
		{"raw HTML", "# T\n\nSee <b>this</b>\n", "documents/en/contract.md:3: raw HTML is not allowed"},
		{"HTML block", "# T\n\n<div>\nhi\n</div>\n", "documents/en/contract.md:3: raw HTML is not allowed"},
		{"image", "a\n\n![logo](logo.png)\n", "documents/en/contract.md:3: images are not allowed"},
		{"guardian outside with", "ok\n{{.Guardian.Name}}", "documents/en/contract.md:2: <.Guardian.Name>: nil pointer"},
		{"wrong argument", "{{date .Patient.FullName}}", "documents/en/contract.md:1: <date .Patient.FullName>: error calling date: want a time"},
		{"sub-template", "{{define \"x\"}}a{{end}}b", "documents/en/contract.md:1: {{define}}"},
		{"template in title", "# {{.Patient.FullName}}\n", "documents/en/contract.md:1: the title line must be plain text"},
	}
	for _, c := range cases {
		_, err := Load(fstest.MapFS{"en/contract.md": {Data: []byte(c.src)}})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) && !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "documents/en/contract.md:") {
			t.Errorf("%s: error %q does not start with file:line", c.name, err)
		}
	}
	if _, err := Load(fstest.MapFS{"en/prescription.md": {Data: []byte("x")}}); err == nil || !strings.Contains(err.Error(), "unknown document kind") {
		t.Errorf("unknown kind file: %v", err)
	}
}
