// Package pdf typesets the clinic's documents (contracts, consents, plans) from a
// small Markdown subset into PDF: letterhead, "page x of y" footer and a QR code
// on every page so a scanned signed page can be matched back to its record.
//
// The subset: headings (#, ##, ###), paragraphs, **bold**, *italic*, bullet and
// numbered lists (two levels), GFM tables (cells wrap; the header repeats after
// a page break), a page break (a paragraph that is exactly "+++") and a
// signature block (a paragraph that is exactly "[signature: <label>]").
// CheckMarkdown refuses everything else; Escape makes user text plain text.
//
// Fonts: DejaVu Sans and Serif, cut once (NewTypesetter) to the letters of
// en/ru/pl/sv plus currency and typography and embedded as simple TrueType
// fonts under three one-byte encodings (Western, Cyrillic, Central European),
// so a render only copies prepared bytes and text stays extractable.
package pdf

import (
	"io"
	"sync"
	"time"
)

// Letterhead is printed at the top of each document's first page.
type Letterhead struct{ Name, Address, Phone, Email string }

// Signature is a tablet signature placed into the document's signature blocks.
type Signature struct {
	PNG      []byte
	SignedBy string
	SignedAt time.Time
}

// Document is one document to typeset; its pages are numbered "page x of y" on their own.
type Document struct {
	ID         string // QR on every page encodes "<ID>:<page>" (page 1-based within the document)
	Title      string
	Locale     string // en|ru|pl|sv: language of the footer "Page 1 of 3"
	Markdown   string // already-filled Markdown subset
	Letterhead Letterhead
	Signature  *Signature // nil: empty signature lines
}

// Options tune one Render call; CreationDate is fixed in tests (golden), zero means now.
type Options struct{ CreationDate time.Time }

// Typesetter renders documents to PDF; fonts are prepared once, so it is safe and
// cheap to share one Typesetter between goroutines.
type Typesetter struct {
	fonts func() (*fontSet, error)
}

// NewTypesetter makes a typesetter that parses the embedded fonts on its first
// render: a server is ready without paying for them, and only the first PDF does.
func NewTypesetter() *Typesetter {
	return &Typesetter{fonts: sync.OnceValues(loadFonts)}
}

// Render writes one PDF holding docs, each starting on a new page, and returns
// the page count of each document.
func (t *Typesetter) Render(w io.Writer, docs []Document, o Options) ([]int, error) {
	return t.render(w, docs, o)
}
