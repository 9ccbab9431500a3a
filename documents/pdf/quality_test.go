package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// names are the patients whose names must survive text extraction exactly.
var names = map[string]string{"ru": "Ёлкина Дарья", "pl": "Zażółć Gęślą", "sv": "Åsa Öberg", "en": "John O'Hara"}

// namedDocs is one short document per locale naming its patient.
func namedDocs() []Document {
	var docs []Document
	for _, loc := range []string{"en", "ru", "pl", "sv"} {
		docs = append(docs, Document{ID: "doc-" + loc, Title: "Consent", Locale: loc, Letterhead: sampleLetterhead,
			Markdown: "# Consent\n\nPatient: **" + Escape(names[loc]) + "**\n\nPrice: 1 500 ₽, 120 zł, 300 kr, 45 €, $10.\n\n[signature: Patient]\n"})
	}
	return docs
}

func TestEveryPDFPassesQpdfCheck(t *testing.T) {
	qpdf := tool(t, "qpdf", "qpdf")
	for name, docs := range map[string][]Document{
		"contract": {sampleDoc("c1", "ru")},
		"named":    namedDocs(),
		"signed":   {signedDoc()},
		"empty":    {{ID: "e", Locale: "en"}},
	} {
		t.Run(name, func(t *testing.T) {
			pdf, _ := render(t, docs...)
			out := run(t, qpdf, "--check", writePDF(t, pdf))
			if !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Fatalf("qpdf --check:\n%s", out)
			}
		})
	}
}

func TestEveryFontIsEmbedded(t *testing.T) {
	pdffonts := tool(t, "pdffonts", "poppler-utils")
	pdf, _ := render(t, append(namedDocs(), sampleDoc("c1", "pl"))...)
	lines := strings.Split(strings.TrimSpace(run(t, pdffonts, writePDF(t, pdf))), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", strings.Join(lines, "\n"))
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
}

func TestTextExtractsNamesExactly(t *testing.T) {
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	docs := append(namedDocs(), Document{ID: "nfd", Locale: "sv", Markdown: "Decomposed: " + Escape("A\u030Asa O\u0308berg")}) // as macOS types it
	pdf, counts := render(t, docs...)
	text := run(t, pdftotext, writePDF(t, pdf), "-")
	if !strings.Contains(text, "Decomposed: Åsa Öberg") {
		t.Errorf("decomposed name not printed composed:\n%s", text)
	}
	for loc, name := range names {
		if !strings.Contains(text, name) {
			t.Errorf("%s: %q not in extracted text", loc, name)
		}
	}
	for _, want := range []string{"Page 1 of 1", "Страница 1 из 1", "Strona 1 z 1", "Sida 1 av 1", "1 500 ₽", "120 zł", "300 kr", "45 €", "Klinika Uśmiech", "Imię i nazwisko"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q not in extracted text:\n%s", want, text)
		}
	}
	if fmt.Sprint(counts) != "[1 1 1 1 1]" {
		t.Errorf("page counts %v, want one page each", counts)
	}
}

// alphabets are each locale's letters (lower case; upper case is checked too).
var alphabets = map[string]string{
	"en": "abcdefghijklmnopqrstuvwxyz",
	"ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
	"pl": "aąbcćdeęfghijklłmnńoóprsśtuwyzźż",
	"sv": "abcdefghijklmnopqrstuvwxyzåäö",
}

func TestEmbeddedFontsCoverEveryLocale(t *testing.T) {
	fs, _ := typesetter(t).fonts()
	var need []rune
	for _, a := range alphabets {
		need = append(need, []rune(a+strings.ToUpper(a))...)
	}
	need = append(need, []rune("₽zł kr € $ – — « » „ “ ” № 0123456789")...)
	for fc := face(0); fc < faceCount; fc++ {
		f := subsetFont(t, fs.file[fc])
		for _, r := range need {
			if r == ' ' {
				continue
			}
			if _, ok := f.cmap[r]; !ok {
				t.Errorf("%s: no glyph for %q (U+%04X)", faceFiles[fc], r, r)
			}
			if got, _ := lookup(r); got != r {
				t.Errorf("%q has no code in any encoding", r)
			}
		}
	}
}

// subsetFont decompresses and parses an embedded font file.
func subsetFont(t *testing.T, z []byte) *ttf {
	t.Helper()
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parseTTF(raw)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestQRDecodesOnEveryPage(t *testing.T) {
	pdftoppm := tool(t, "pdftoppm", "poppler-utils")
	zbarimg := tool(t, "zbarimg", "zbar-tools")
	id := "0b9d7c1e-2f4a-4c39-9a51-6f0e8d2b7a10"
	doc := Document{ID: id, Title: "Two pages", Locale: "sv", Markdown: "Första sidan.\n\n+++\n\nAndra sidan."}
	pdf, counts := render(t, Document{ID: "other", Locale: "en", Markdown: "x"}, doc)
	if fmt.Sprint(counts) != "[1 2]" {
		t.Fatalf("page counts %v, want [1 2]", counts)
	}
	dir := t.TempDir()
	run(t, pdftoppm, "-r", "150", "-png", writePDF(t, pdf), filepath.Join(dir, "p"))
	for page, want := range map[int]string{2: id + ":1", 3: id + ":2", 1: "other:1"} {
		png := filepath.Join(dir, fmt.Sprintf("p-%d.png", page))
		got := strings.TrimSpace(run(t, zbarimg, "-q", "--raw", "-Sdisable", "-Sqrcode.enable", png))
		if got != want {
			t.Errorf("page %d: QR %q, want %q", page, got, want)
		}
	}
}

// signedDoc is a consent with a tablet signature.
func signedDoc() Document {
	d := Document{ID: "signed-1", Title: "Zgoda", Locale: "pl", Letterhead: sampleLetterhead,
		Markdown: "# Zgoda na leczenie\n\nPacjent: **Zażółć Gęślą**\n\n[signature: Pacjent]\n"}
	d.Signature = &Signature{PNG: signaturePNG(), SignedBy: "Zażółć Gęślą", SignedAt: time.Date(2026, 12, 3, 10, 15, 0, 0, time.UTC)}
	return d
}

// signaturePNG draws a small scribble.
func signaturePNG() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 300, 100))
	for x := 10; x < 290; x++ {
		y := 50 + int(30*float64((x%60)-30)/30)
		img.Set(x, y, color.Black)
		img.Set(x, y+1, color.Black)
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

func TestSignedDocumentShowsSignerAndDate(t *testing.T) {
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	pdf, _ := render(t, signedDoc())
	text := run(t, pdftotext, writePDF(t, pdf), "-")
	for _, want := range []string{"Pacjent", "Zażółć Gęślą", "03.12.2026 10:15", "Podpis", "Strona 1 z 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing:\n%s", want, text)
		}
	}
	if !bytes.Contains(pdf, []byte("/Subtype /Image")) {
		t.Error("signature image not placed")
	}
}

func TestOutputWritesTo(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	if dir := os.Getenv("FRONTDESK_PDF_SAMPLES"); dir != "" {
		pdf, _ := render(t, append(namedDocs(), sampleDoc("c1", "ru"), signedDoc())...)
		_ = os.WriteFile(filepath.Join(dir, "sample.pdf"), pdf, 0o644)
	}
}

// TestTabletSignatureFillsOnlyThePatientsBlock: the doctor's block after the patient's
// stays blank, so the patient's name and time appear once.
func TestTabletSignatureFillsOnlyThePatientsBlock(t *testing.T) {
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	d := signedDoc()
	d.Markdown += "\n[signature: Lekarz]\n"
	pdf, _ := render(t, d)
	text := run(t, pdftotext, writePDF(t, pdf), "-")
	if !strings.Contains(text, "Lekarz") {
		t.Fatalf("doctor's block missing:\n%s", text)
	}
	if n := strings.Count(text, "03.12.2026 10:15"); n != 1 {
		t.Errorf("signing time printed %d times, want once (the patient's block only):\n%s", n, text)
	}
}
