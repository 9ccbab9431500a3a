package console

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every text exists in every language the console speaks, and is not left in
// English where another language is due (names and the product name aside).
func TestEveryTextInEveryLanguage(t *testing.T) {
	for key, byLang := range texts() {
		for _, lang := range Langs {
			if strings.TrimSpace(byLang[lang]) == "" {
				t.Errorf("%s has no %s text", key, lang)
			}
		}
		if len(byLang) != len(Langs) {
			t.Errorf("%s has texts in %d languages, want %d", key, len(byLang), len(Langs))
		}
	}
}

// usedKey finds the text keys pages and code name: {{.T "x"}}, T(lang, "x"), "x" keys
// given to Mark.
var usedKey = regexp.MustCompile(`(?:\.T|\bT|Mark\([^,]+,[^,]+,|desk\(fc,)\s*\(?\s*\w*\s*,?\s*"([a-z_]+\.[a-z0-9_.]+)"`)

// Every key a page or the code names exists, so no page shows a bare key.
func TestEveryUsedTextExists(t *testing.T) {
	walk := func(dir, ext string) {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ext) || strings.HasSuffix(path, "_test.go") {
				return err
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range usedKey.FindAllStringSubmatch(string(raw), -1) {
				if _, ok := texts()[m[1]]; !ok {
					t.Errorf("%s names text %q, which is not in texts/", path, m[1])
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	walk("pages", ".html")
	walk(".", ".go")
}
