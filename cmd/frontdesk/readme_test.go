package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// mdLink is a Markdown link's target: [text](target).
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// The README stands alone: every link it makes leads to a file inside the repository
// (a fresh machine has nothing else), never to a path outside it or to the web.
func TestTheReadmeLinksOnlyInsideTheRepository(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []string{"README.md", "ARCHITECTURE.md"} {
		src, err := os.ReadFile(filepath.Join(root, doc))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdLink.FindAllStringSubmatch(string(src), -1) {
			target, _, _ := strings.Cut(m[1], "#")
			if target == "" {
				continue
			}
			full := filepath.Join(root, filepath.FromSlash(target))
			if strings.Contains(target, "://") || !strings.HasPrefix(full, root+string(filepath.Separator)) {
				t.Errorf("%s links outside the repository: %s", doc, m[1])
			} else if _, err := os.Stat(full); err != nil {
				t.Errorf("%s links to a missing file: %s", doc, m[1])
			}
		}
	}
}
