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
	fontsOnce     sync.Once
	fonts         *pdf.Typesetter
	fontsErr      error
)

func sharedTemplates(t testing.TB) *doctemplate.Set {
	templatesOnce.Do(func() { templatesSet, templatesErr = doctemplate.Load() })
	if templatesErr != nil {
		t.Fatalf("apitest: document templates: %v", templatesErr)
	}
	return templatesSet
}

func sharedTypesetter(t testing.TB) *pdf.Typesetter {
	fontsOnce.Do(func() { fonts, fontsErr = pdf.NewTypesetter() })
	if fontsErr != nil {
		t.Fatalf("apitest: fonts: %v", fontsErr)
	}
	return fonts
}
