package maintenance

import (
	"strings"
	"testing"
)

// Every language the clinic speaks fills both task texts, with the title, the date and
// the days late in them.
func TestTaskTextsInEveryLanguage(t *testing.T) {
	for _, locale := range []string{"en", "ru", "pl", "sv"} {
		tx, ok := taskTexts[locale]
		due, late := tx.due("Spore test", "2026-05-05"), tx.overdue("Spore test", "2026-05-05", 4)
		if !ok || !strings.Contains(due, "Spore test") || !strings.Contains(due, "2026-05-05") ||
			!strings.Contains(late, "Spore test") || !strings.Contains(late, "4") || strings.Contains(due+late, "%!") {
			t.Errorf("%s: %q / %q", locale, due, late)
		}
	}
	if textIn("de") != taskTexts["en"] {
		t.Error("an unknown locale does not fall back to English")
	}
}
