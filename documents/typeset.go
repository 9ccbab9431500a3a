package documents

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"runtime"
	"sync"

	"github.com/frontdeskhq/frontdesk/documents/pdf"
)

// renderAll typesets the candidates side by side, one per CPU: a visit whose data
// changed makes all its documents again, and each is a PDF of its own.
func (s *Service) renderAll(v visitSheet, cands []candidate) (map[string]docRow, error) {
	rows, errs := make([]docRow, len(cands)), make([]error, len(cands))
	next := make(chan int, len(cands))
	for i := range cands {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(cands)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rows[i], errs[i] = s.render(v, cands[i])
			}
		}()
	}
	wg.Wait()
	out := make(map[string]docRow, len(rows))
	for _, r := range rows {
		out[r.Kind] = r
	}
	return out, errors.Join(errs...)
}

// render typesets a candidate alone: the stored PDF of the document, whose SHA-256 is
// kept beside it.
func (s *Service) render(v visitSheet, c candidate) (docRow, error) {
	var buf bytes.Buffer
	pages, err := s.ts.Render(&buf, []pdf.Document{s.typeset(v, c.row)}, pdf.Options{CreationDate: c.row.GeneratedAt})
	if err != nil {
		return docRow{}, err
	}
	r := c.row
	r.PDF, r.Pages, r.PDFSHA256 = buf.Bytes(), sum(pages), sha256Hex(buf.Bytes())
	return r, nil
}

// typesetting turns stored rows into documents to typeset, with the tablet signatures
// of signed ones.
func (s *Service) typesetting(v visitSheet, rows []docRow) []pdf.Document {
	out := make([]pdf.Document, 0, len(rows))
	for _, r := range rows {
		out = append(out, s.typeset(v, r))
	}
	return out
}

func (s *Service) typeset(v visitSheet, r docRow) pdf.Document {
	d := pdf.Document{ID: r.ID, Title: r.Title, Locale: r.Locale, Markdown: r.Markdown, Letterhead: v.letterhead}
	if len(r.SignaturePNG) > 0 && r.SignedAt != nil {
		d.Signature = &pdf.Signature{PNG: r.SignaturePNG, SignedBy: signerName(v, deref(r.SignedBy)), SignedAt: r.SignedAt.In(v.zone)}
	}
	return d
}

func sum(pages []int) int {
	n := 0
	for _, p := range pages {
		n += p
	}
	return n
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
