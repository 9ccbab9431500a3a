package pdf

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

//go:embed fonts/*.ttf
var fontFiles embed.FS

type fontSet struct{ files map[string][]byte }

var faceFiles = map[string]string{
	"sans": "DejaVuSans.ttf", "sansB": "DejaVuSans-Bold.ttf", "sansI": "DejaVuSans-Oblique.ttf",
	"sansBI": "DejaVuSans-BoldOblique.ttf", "serif": "DejaVuSerif.ttf", "serifB": "DejaVuSerif-Bold.ttf",
}

func loadFonts() (*fontSet, error) {
	fs := &fontSet{files: map[string][]byte{}}
	for k, f := range faceFiles {
		b, err := fontFiles.ReadFile("fonts/" + f)
		if err != nil {
			return nil, err
		}
		fs.files[k] = b
	}
	return fs, nil
}

func (t *Typesetter) render(w io.Writer, docs []Document, o Options) ([]int, error) {
	p := fpdf.New("P", "mm", "A4", "")
	when := o.CreationDate
	if when.IsZero() {
		when = time.Now()
	}
	p.SetCreationDate(when)
	p.SetModificationDate(when)
	p.SetCatalogSort(true)
	p.AddUTF8FontFromBytes("sans", "", t.fonts.files["sans"])
	p.AddUTF8FontFromBytes("sans", "B", t.fonts.files["sansB"])
	counts := make([]int, len(docs))
	for i, d := range docs {
		first := p.PageNo() + 1
		p.AddPage()
		p.SetFont("sans", "B", 14)
		p.MultiCell(0, 7, d.Letterhead.Name+"\n"+d.Title, "", "L", false)
		p.SetFont("sans", "", 10)
		p.MultiCell(0, 5, d.Markdown, "", "L", false)
		counts[i] = p.PageNo() - first + 1
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return counts, err
}
