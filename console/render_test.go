package console

import (
	"io/fs"
	"path"
	"strings"
	"testing"
)

// Pages parse when first drawn, so a broken one would show only when someone opens
// it: every page file is parsed here, and each is named in the page set.
func TestEveryPageParses(t *testing.T) {
	files, err := fs.Glob(pageFiles, "pages/*.html")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		seen++
		if p := pageNamed(name); p.Lookup("content") == nil {
			t.Errorf("page %s defines no content", name)
		}
	}
	if seen != len(pages) || seen < 10 {
		t.Errorf("%d page files, %d pages in the set", seen, len(pages))
	}
}
