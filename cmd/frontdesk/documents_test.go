package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrokenDocumentTemplateStopsStartUp: a clinic's override with an unknown
// placeholder is refused when templates load, naming the file and line, with exit 2.
func TestBrokenDocumentTemplateStopsStartUp(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "documents", "en")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	src := "# Treatment contract\n\nThe patient {{.Patient.FullName}}\nborn {{.Patient.Birthday}}\n"
	if err := os.WriteFile(filepath.Join(folder, "contract.md"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runBin(t, nil, "serve", "--templates-dir", dir, "--db", filepath.Join(t.TempDir(), "t.db"),
		"--addr", "127.0.0.1:0")
	if r.code != 2 || !strings.Contains(r.stderr, "contract.md:4") {
		t.Fatalf("code %d (want 2), stderr %q (want the file and line contract.md:4)", r.code, r.stderr)
	}
}
