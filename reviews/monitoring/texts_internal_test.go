package monitoring

import (
	"strings"
	"testing"
)

// Every language the clinic speaks fills every task text, with the stars, the site,
// the author (or its word for anonymous), the start of the text and the count.
func TestTaskTextsInEveryLanguage(t *testing.T) {
	for _, locale := range []string{"en", "ru", "pl", "sv"} {
		tx, ok := taskTexts[locale]
		fresh := tx.line(false, 2, "Google", "Anna", "Long wait")
		edited := tx.line(true, 4, "Google", "", strings.Repeat("word ", 40))
		many := tx.many("Yandex", 312)
		all := fresh + edited + many
		if !ok || tx.New == tx.Edited || !strings.Contains(fresh, "2★") || !strings.Contains(fresh, "Anna: Long wait") ||
			!strings.Contains(edited, tx.Anonymous) || !strings.HasSuffix(edited, "…") || !strings.Contains(many, "312") ||
			!strings.Contains(many, "Yandex") || strings.Contains(all, "%!") || tx.Anonymous == "" {
			t.Errorf("%s: %q / %q / %q", locale, fresh, edited, many)
		}
	}
	if textIn("de") != taskTexts["en"] {
		t.Error("an unknown locale does not fall back to English")
	}
	if got := snippet("  two\nlines  "); got != "two lines" {
		t.Errorf("snippet: %q", got)
	}
}
