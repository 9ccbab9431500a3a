package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

func TestGolden(t *testing.T) {
	docs := append([]Document{sampleDoc("0b9d7c1e-2f4a-4c39-9a51-6f0e8d2b7a10", "ru")}, append(namedDocs(), signedDoc())...)
	pdf, counts := render(t, docs...)
	sum := sha256.Sum256(pdf)
	got := hex.EncodeToString(sum[:]) + "\n"
	path := filepath.Join("testdata", "golden.sha256")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("golden updated: %d pages %v, %d bytes", sum32(counts), counts, len(pdf))
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGolden -update)", err)
	}
	if got != string(want) {
		out := filepath.Join(t.TempDir(), "golden.pdf")
		_ = os.WriteFile(out, pdf, 0o644)
		t.Fatalf("output changed: sha256 %s, golden %s; new PDF at %s (inspect it, then -update)", strings.TrimSpace(got), strings.TrimSpace(string(want)), out)
	}
}

// sum32 totals page counts.
func sum32(n []int) int {
	s := 0
	for _, v := range n {
		s += v
	}
	return s
}

func TestRenderIsDeterministicAndConcurrencySafe(t *testing.T) {
	docs := append([]Document{sampleDoc("c", "pl")}, signedDoc())
	want, _ := render(t, docs...)
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 3; j++ {
				var b bytes.Buffer
				if _, err := typesetter(t).Render(&b, docs, Options{CreationDate: fixedDate}); err != nil {
					errs <- err.Error()
					return
				}
				if !bytes.Equal(b.Bytes(), want) {
					errs <- "parallel render differs"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

func TestPageCountsAndBreaks(t *testing.T) {
	_, counts := render(t,
		Document{ID: "a", Locale: "en", Markdown: "one\n\n+++\n\ntwo\n\n+++\n\nthree"},
		Document{ID: "b", Locale: "en", Markdown: "+++\n\nstill one page: a break at the top of a page is ignored"},
		sampleDoc("c", "en"))
	if counts[0] != 3 || counts[1] != 1 || counts[2] < 5 {
		t.Fatalf("page counts %v, want [3 1 >=5]", counts)
	}
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	pdf, _ := render(t, Document{ID: "a", Locale: "pl", Markdown: "jeden\n\n+++\n\ndwa"}, Document{ID: "b", Locale: "sv", Markdown: "ett"})
	text := run(t, pdftotext, writePDF(t, pdf), "-")
	for _, want := range []string{"Strona 1 z 2", "Strona 2 z 2", "Sida 1 av 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing: every document numbers its own pages\n%s", want, text)
		}
	}
}

func TestRenderRejectsOverlongID(t *testing.T) {
	var b bytes.Buffer
	_, err := typesetter(t).Render(&b, []Document{{ID: strings.Repeat("x", 120), Locale: "en"}}, Options{})
	if err == nil {
		t.Fatal("a document ID too long for the QR code was accepted")
	}
}

func TestTallTableRowSplitsAcrossPages(t *testing.T) {
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	var words []string
	for i := 0; i < 1500; i++ {
		words = append(words, "w"+itoa(i))
	}
	md := "| Question | Answer |\n|---|---|\n| Complaint | " + strings.Join(words, " ") + " |\n| Pain | 3 |\n"
	pdf, counts := render(t, Document{ID: "tall", Locale: "en", Markdown: md})
	if counts[0] < 2 {
		t.Fatalf("a 1500-word cell fits on %d page", counts[0])
	}
	text := run(t, pdftotext, writePDF(t, pdf), "-")
	for _, want := range []string{"w0", "w777", "w1499", "Pain"} {
		if !strings.Contains(text, want+"\n") && !strings.Contains(text, want+" ") {
			t.Errorf("%q lost", want)
		}
	}
	if n := strings.Count(text, "Answer"); n != counts[0] {
		t.Errorf("header printed %d times on %d pages", n, counts[0])
	}
}

func TestBadSignatureImageFailsWithoutOutput(t *testing.T) {
	d := signedDoc()
	d.Signature.PNG = []byte("not a png")
	var b bytes.Buffer
	if _, err := typesetter(t).Render(&b, []Document{d}, Options{}); err == nil || b.Len() != 0 {
		t.Fatalf("err %v, %d bytes written", err, b.Len())
	}
}
