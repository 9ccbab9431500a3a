package doctemplate

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/documents/pdf"
)

// hostile is a patient answer trying every way out of being text.
const hostile = "{{.Clinic.Name}} {{template \"x\"}} <script>alert(1)</script> **bold** _it_ [signature: Doctor]\n+++\n# Heading\n| a | b |\n- item\n![img](http://x/y.png)"

func TestHostileAnswersStayInert(t *testing.T) {
	s := mustLoad(t)
	for _, locale := range Locales {
		d := richVisit(locale)
		for id := range d.Answers {
			d.Answers[id] = hostile
		}
		d.Patient.FullName, d.Alerts = "[signature: Patient] {{.Clinic.Name}}", []string{"+++", "# alert"}
		clean, _ := s.Fill(QuestionnaireSummary, locale, richVisit(locale))
		f, err := s.Fill(QuestionnaireSummary, locale, d)
		if err != nil {
			t.Fatal(err)
		}
		if err := pdf.CheckMarkdown(f.Markdown); err != nil {
			t.Errorf("%s: %v", locale, err)
		}
		if got, want := markers(f.Markdown), markers(clean.Markdown); got != want {
			t.Errorf("%s: answers changed the document's structure: %q, want %q", locale, got, want)
		}
		if strings.Count(f.Markdown, "Sample Dental") != strings.Count(clean.Markdown, "Sample Dental") {
			t.Errorf("%s: an answer's {{.Clinic.Name}} was executed", locale)
		}
	}
}

// markers lists the lines that give a document structure: headings, page breaks,
// signatures, table rows, list items.
func markers(md string) string {
	var out []string
	for _, l := range strings.Split(md, "\n") {
		for _, p := range []string{"#", "+++", "[signature:", "|", "- ", "<"} {
			if strings.HasPrefix(strings.TrimSpace(l), p) {
				out = append(out, p)
			}
		}
	}
	return strings.Join(out, " ")
}

func TestFillLeavesTheCallersDataAlone(t *testing.T) {
	d := richVisit("en")
	d.Answers["complaint"] = "*pain*"
	if _, err := mustLoad(t).Fill(Contract, "en", d); err != nil {
		t.Fatal(err)
	}
	if d.Answers["complaint"] != "*pain*" || d.Guardian.Name != "Mary Smith" || len(d.Answers) != len(AnswerIDs) {
		t.Errorf("Fill changed its input: %+v", d)
	}
}

func TestFilledContractRenders(t *testing.T) {
	s := mustLoad(t)
	ts := pdf.NewTypesetter()
	var docs []pdf.Document
	for _, locale := range Locales {
		d := richVisit(locale)
		d.Answers["allergies"] = hostile
		f, err := s.Fill(Contract, locale, d)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, pdf.Document{ID: "doc-" + locale, Title: f.Title, Locale: f.Locale, Markdown: f.Markdown,
			Letterhead: pdf.Letterhead{Name: d.Clinic.Name, Address: d.Clinic.Address, Phone: d.Clinic.Phone, Email: d.Clinic.Email}})
	}
	var out bytes.Buffer
	pages, err := ts.Render(&out, docs, pdf.Options{CreationDate: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || len(pages) != len(docs) {
		t.Fatalf("render: %v %v", pages, err)
	}
	text := pdfText(t, out.Bytes())
	for _, name := range []string{"Ёлкина Дарья", "Gęślą Zażółć", "Öberg Åsa"} {
		if text != "" && !strings.Contains(text, name) {
			t.Errorf("the PDF text lacks %q", name)
		}
	}
}

// pdfText is the PDF's text by pdftotext, or "" where poppler is not installed.
func pdfText(t *testing.T, b []byte) string {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: text not checked")
		return ""
	}
	file := filepath.Join(t.TempDir(), "contract.pdf")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}
