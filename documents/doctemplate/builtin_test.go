package doctemplate

import (
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/templates"
)

// Every built-in template passes the checks a clinic's own must pass (fields, answer
// ids, functions, the Markdown subset, a rehearsal on a full and an empty visit): Load
// skips them for the built-ins on start, so this test is where they are made.
func TestBuiltInTemplatesPassEveryCheck(t *testing.T) {
	files, err := fs.Glob(templates.Documents, "documents/*/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no built-in templates: %v", err)
	}
	for _, file := range files {
		src, err := fs.ReadFile(templates.Documents, file)
		if err != nil {
			t.Fatal(err)
		}
		locale, kind := path.Base(path.Dir(file)), strings.TrimSuffix(path.Base(file), ".md")
		if _, err := parseTemplate(locale, kind, string(src), true); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
}

// A broken template is refused by the checks, so the test above can fail.
func TestTheChecksRefuseABrokenTemplate(t *testing.T) {
	if _, err := parseTemplate("en", "contract", "# Contract\n\n{{.Patient.Nope}}\n", true); err == nil {
		t.Fatal("an unknown field passed the checks")
	}
}
