package pdf

import (
	"strings"
	"testing"
)

// printed is what encodeRuns emits for s, decoded back to runes.
func printed(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	fs, _ := typesetter(t).fonts()
	fs.encodeRuns(sans, s, 0, nil, func(e int, code []byte, _ float64) {
		for _, c := range code {
			b.WriteRune(codeRune(e, int(c)))
		}
	})
	return b.String()
}

func TestEncodingFoldsAndDrops(t *testing.T) {
	for in, want := range map[string]string{
		"Ёлкина Дарья":          "Ёлкина Дарья",
		"Zażółć Gęślą":          "Zażółć Gęślą",
		"1\u202f500\u2009₽":     "1\u00a0500\u00a0₽", // narrow and thin spaces in money print as no-break spaces
		"a\u200bb\u202ec\ufeff": "abc",               // zero-width and bidi controls print nothing
		"co\u00adop":            "coop",              // soft hyphen
		"x\u2011y":              "x-y",
		"漢":                     "?",
	} {
		if got := printed(t, in); got != want {
			t.Errorf("%q printed as %q, want %q", in, got, want)
		}
	}
}
