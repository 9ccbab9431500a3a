package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

var (
	sharedOnce sync.Once
	sharedTS   *Typesetter
)

// typesetter is one Typesetter for all tests, as the application shares one.
func typesetter(t testing.TB) *Typesetter {
	sharedOnce.Do(func() { sharedTS = NewTypesetter() })
	if _, err := sharedTS.fonts(); err != nil {
		t.Fatal(err)
	}
	return sharedTS
}

// fixedDate is the creation date of golden and comparison renders.
var fixedDate = time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)

// render typesets docs and returns the PDF and page counts.
func render(t testing.TB, docs ...Document) ([]byte, []int) {
	t.Helper()
	var b bytes.Buffer
	n, err := typesetter(t).Render(&b, docs, Options{CreationDate: fixedDate})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), n
}

// tool finds a command-line tool or skips the test naming the package to install.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (apt-get install -y %s); skipping", name, pkg)
	}
	return p
}

// writePDF stores pdf in a temporary file and returns its path.
func writePDF(t *testing.T, pdf []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// run executes a tool and returns its standard output, failing the test on error.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s\n%s", name, args, err, out.String(), errb.String())
	}
	return out.String()
}
