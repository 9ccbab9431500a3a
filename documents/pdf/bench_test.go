package pdf

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// Run: go test ./documents/pdf -run '^$' -bench . -benchtime 10x -count 5 (Chromium ones, in chromium_bench_test.go, run last)
// and compare the medians of ns/op (BenchmarkPack vs BenchmarkPackNaiveFpdf and BenchmarkPackChromium).

func BenchmarkPack(b *testing.B) {
	ts := typesetter(b)
	docs := []Document{sampleDoc("0b9d7c1e-2f4a-4c39-9a51-6f0e8d2b7a10", "ru")}
	var buf bytes.Buffer
	pages := 0
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		n, err := ts.Render(&buf, docs, Options{})
		if err != nil {
			b.Fatal(err)
		}
		pages = n[0]
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(buf.Len())/1024, "KiB")
}

func BenchmarkDay40Packs(b *testing.B) {
	ts := typesetter(b)
	docs := make([]Document, 40)
	for i := range docs {
		docs[i] = sampleDoc("doc-"+strconv.Itoa(i), []string{"en", "ru", "pl", "sv"}[i%4])
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if _, err := ts.Render(&buf, docs, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024/1024, "MiB")
}

// BenchmarkPackNaiveFpdf is the straightforward fpdf program: the UTF-8 fonts
// loaded (parsed) for every document, text through MultiCell.
func BenchmarkPackNaiveFpdf(b *testing.B) {
	faces := map[string][]byte{}
	for _, st := range []struct{ key, file string }{{"", "DejaVuSans.ttf"}, {"B", "DejaVuSans-Bold.ttf"}, {"I", "DejaVuSans-Oblique.ttf"}, {"S", "DejaVuSerif-Bold.ttf"}} {
		raw, err := fontFiles.ReadFile("fonts/" + st.file)
		if err != nil {
			b.Fatal(err)
		}
		faces[st.key] = raw
	}
	paras := strings.Split(sampleContract(), "\n\n")
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		p := fpdf.New("P", "mm", "A4", "")
		p.AddUTF8FontFromBytes("sans", "", faces[""])
		p.AddUTF8FontFromBytes("sans", "B", faces["B"])
		p.AddUTF8FontFromBytes("sans", "I", faces["I"])
		p.AddUTF8FontFromBytes("serif", "B", faces["S"])
		p.AliasNbPages("")
		p.SetFooterFunc(func() {
			p.SetY(-15)
			p.SetFont("sans", "", 8)
			p.CellFormat(0, 10, "Страница "+strconv.Itoa(p.PageNo())+" из {nb}", "", 0, "L", false, 0, "")
		})
		p.AddPage()
		for _, para := range paras {
			font, style := "sans", ""
			if strings.HasPrefix(para, "#") {
				font, style = "serif", "B"
			}
			p.SetFont(font, style, 10)
			p.MultiCell(0, 5, strings.NewReplacer("**", "", "*", "").Replace(para), "", "L", false)
		}
		if err := p.Output(&buf); err != nil {
			b.Fatal(err)
		}
	}
}
