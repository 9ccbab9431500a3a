package pdf

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW, pageH = 210.0, 297.0
	marginL      = 20.0
	marginR      = 20.0
	marginTop    = 16.0
	bodyBottom   = 268.0 // below: footer and QR
	bodyW        = pageW - marginL - marginR
	qrSize       = 19.0
	mmPerPt      = 25.4 / 72
)

// writer typesets one Render call into one fpdf document.
type writer struct {
	p       *fpdf.Fpdf
	fs      *fontSet
	doc     *Document
	words   *wording
	y       float64                   // top of the next block
	first   int                       // fpdf page number of the document's first page
	fonts   [faceCount][encCount]bool // registered with this fpdf document
	curFont int                       // face*encCount+encoding selected on the page (-1: none yet)
	curSize float64
	prefer  int    // encoding of the document's language (see encodings)
	signed  bool   // the document's tablet signature is placed (in its first block only)
	src     []byte // the current document's Markdown
	buf     []byte // scratch for one-byte text runs
	num     []byte // scratch for PDF operators
}

// render typesets docs into w.
func (t *Typesetter) render(w io.Writer, docs []Document, o Options) ([]int, error) {
	if err := checkIDs(docs); err != nil {
		return nil, err
	}
	fs, err := t.fonts()
	if err != nil {
		return nil, err
	}
	p := newFpdf(docs, o)
	wr := &writer{p: p, fs: fs, curFont: -1}
	counts := make([]int, len(docs))
	for i := range docs {
		counts[i] = wr.document(&docs[i])
	}
	p.Close() // fpdf builds the whole file in memory: a failed render writes nothing to w
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if err := p.Output(w); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return counts, nil
}

// checkIDs refuses document IDs too long for the page QR code.
func checkIDs(docs []Document) error {
	for i, d := range docs {
		if len(d.ID) > maxIDLen {
			return fmt.Errorf("pdf: document %d: ID longer than %d bytes does not fit the page QR code", i, maxIDLen)
		}
	}
	return nil
}

// newFpdf starts an A4 document with reproducible metadata; page streams stay
// uncompressed (deflating them costs more time than the bytes are worth here).
func newFpdf(docs []Document, o Options) *fpdf.Fpdf {
	p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	when := o.CreationDate
	if when.IsZero() {
		when = time.Now()
	}
	p.SetCreationDate(when)
	p.SetModificationDate(when)
	p.SetCatalogSort(true)
	p.SetCompression(false)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(marginL, marginTop, marginR)
	p.SetProducer("Frontdesk", false)
	if len(docs) == 1 {
		p.SetTitle(docs[0].Title, true)
	}
	return p
}

// document typesets d from a fresh page, then numbers its pages; it returns the page count.
func (w *writer) document(d *Document) int {
	w.doc, w.words = composed(d), wordingFor(d.Locale)
	w.signed = false
	w.prefer = languageEncoding(d.Locale)
	w.newPage()
	w.first = w.p.PageNo()
	w.letterhead()
	w.src = []byte(w.doc.Markdown)
	w.blocks(parse(w.src))
	last := w.p.PageNo()
	for pg := w.first; pg <= last; pg++ {
		w.p.SetPage(pg)
		w.footer(pg-w.first+1, last-w.first+1)
	}
	w.p.SetPage(last)
	return last - w.first + 1
}

// languageEncoding is the encoding most of a locale's text fits in.
func languageEncoding(locale string) int {
	switch locale {
	case "ru":
		return 1
	case "pl":
		return 2
	}
	return 0
}

// maxIDLen leaves room for ":<page>" (up to 5 digits) in a version 6 QR code.
const maxIDLen = 100

// composed is a copy of d with its texts in Unicode NFC: letters typed as a
// base and a combining mark (macOS, some phones) become the precomposed
// letters the fonts' encodings carry, so "Åsa" stays "Åsa".
func composed(d *Document) *Document {
	c := *d
	for _, s := range []*string{&c.Title, &c.Markdown, &c.Letterhead.Name, &c.Letterhead.Address, &c.Letterhead.Phone, &c.Letterhead.Email} {
		*s = norm.NFC.String(*s)
	}
	if d.Signature != nil {
		sig := *d.Signature
		sig.SignedBy = norm.NFC.String(sig.SignedBy)
		c.Signature = &sig
	}
	return &c
}

// newPage starts a page and puts the cursor at the top of the body.
func (w *writer) newPage() {
	w.p.AddPage()
	w.curFont, w.curSize = -1, 0
	w.y = marginTop
}

// need breaks the page when h millimetres do not fit below the cursor
// (unless the cursor is already at the top, where nothing more can be gained).
func (w *writer) need(h float64) {
	if w.y+h > bodyBottom && w.y > marginTop+0.1 {
		w.newPage()
	}
}

// letterhead prints the clinic's name and contacts and the document title.
func (w *writer) letterhead() {
	lh := w.doc.Letterhead
	if lh.Name != "" {
		w.line(serifBold, 14, lh.Name, marginL, w.y)
		w.y += 6.2
	}
	contacts := joinNonEmpty(" · ", lh.Address, lh.Phone, lh.Email)
	if contacts != "" {
		w.y = w.wrapped(contacts, sans, 8.5, marginL, bodyW, 3.8)
	}
	if lh.Name != "" || contacts != "" {
		w.y += 1.5
		w.rule(marginL, w.y, pageW-marginR, w.y, 0.3, 0)
		w.y += 6
	}
	if w.doc.Title != "" {
		w.y = w.wrappedCentered(w.doc.Title, serifBold, 15, 7)
		w.y += 3
	}
}

// footer prints "Page x of y" and the title, and the QR code "<ID>:<page>".
func (w *writer) footer(page, pages int) {
	w.curFont, w.curSize = -1, 0
	w.rule(marginL, bodyBottom+2, pageW-marginR-qrSize-4, bodyBottom+2, 0.2, 0)
	label := w.words.page(page, pages)
	w.line(sans, 8, label, marginL, bodyBottom+7)
	if w.doc.Title != "" {
		w.line(sans, 7, clip(w.fs, w.doc.Title, sans, 7, bodyW-qrSize-40), marginL, bodyBottom+11)
	}
	w.qr(w.doc.ID + ":" + strconv.Itoa(page))
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, s := range parts {
		if s == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += s
	}
	return out
}

// clip shortens s with an ellipsis to fit width mm.
func clip(fs *fontSet, s string, fc face, size, width float64) string {
	if fs.width(fc, size, s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && fs.width(fc, size, string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// qr draws the code for data at the bottom right of the current page, each
// row's dark runs as one rectangle, in a single fill.
func (w *writer) qr(data string) {
	q, err := encodeQR([]byte(data))
	if err != nil {
		w.p.SetError(err)
		return
	}
	const k = 72 / 25.4
	m := qrSize / float64(q.size)
	x0, y0 := pageW-marginR-qrSize, bodyBottom+4.0
	b := append(w.num[:0], "q 0 g\n"...)
	for y := 0; y < q.size; y++ {
		for x := 0; x < q.size; {
			if !q.mod[y][x] {
				x++
				continue
			}
			start := x
			for x < q.size && q.mod[y][x] {
				x++
			}
			b = appendNum(b, (x0+float64(start)*m)*k)
			b = appendNum(b, (pageH-y0-float64(y+1)*m)*k)
			b = appendNum(b, float64(x-start)*m*k)
			b = appendNum(b, m*k)
			b = append(b, "re\n"...)
		}
	}
	b = append(b, "f Q"...)
	w.num = b
	w.raw(b)
}
