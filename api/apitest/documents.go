package apitest

import (
	"sync"
	"testing"

	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/documents/pdf"
)

// The built-in document templates and the fonts are loaded once per test binary:
// every Env shares them, as every request of a served app does.
var (
	templatesOnce sync.Once
	templatesSet  *doctemplate.Set
	templatesErr  error
	// sharedFonts parses the fonts on its first render, once for the whole binary.
	sharedFonts = pdf.NewTypesetter()
)

func sharedTemplates(t testing.TB) *doctemplate.Set {
	templatesOnce.Do(func() { templatesSet, templatesErr = doctemplate.Load() })
	if templatesErr != nil {
		t.Fatalf("apitest: document templates: %v", templatesErr)
	}
	return templatesSet
}
