package app_test

import (
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/app"
)

// BenchmarkLoadContent is the start's reading and checking of the built-in message
// templates, questionnaires and document templates: part of start-to-ready.
func BenchmarkLoadContent(b *testing.B) {
	for b.Loop() {
		if _, err := app.LoadContent(""); err != nil {
			b.Fatal(err)
		}
	}
}
