package app

import (
	"bytes"
	"context"
	"strings"

	"github.com/frontdeskhq/frontdesk/documents/pdf"
	"github.com/frontdeskhq/frontdesk/inventory/purchasing"
)

// sheetPrinter fills purchasing's Printer with the documents' typesetter: a sheet
// becomes the typesetter's Markdown subset (its texts escaped, its table a GFM table
// with amounts aligned right), so purchasing never imports documents.
type sheetPrinter struct {
	ts *pdf.Typesetter
}

// newSheetPrinter prints with ts; nil gives it a typesetter of its own.
func newSheetPrinter(ts *pdf.Typesetter) *sheetPrinter {
	if ts == nil {
		ts = pdf.NewTypesetter()
	}
	return &sheetPrinter{ts: ts}
}

// Print typesets one sheet to PDF bytes.
func (p *sheetPrinter) Print(_ context.Context, s purchasing.Sheet) ([]byte, error) {
	var out bytes.Buffer
	_, err := p.ts.Render(&out, []pdf.Document{{ID: s.ID, Title: s.Title, Locale: s.Locale, Markdown: sheetMarkdown(s),
		Letterhead: pdf.Letterhead{Name: s.Clinic, Address: s.Address, Phone: s.Phone}}}, pdf.Options{})
	return out.Bytes(), err
}

// sheetMarkdown writes the lines before, the table and the lines after.
func sheetMarkdown(s purchasing.Sheet) string {
	var b strings.Builder
	for _, l := range s.Before {
		b.WriteString(pdf.Escape(l) + "\n\n")
	}
	b.WriteString(tableRow(s.Head))
	align := make([]string, len(s.Head))
	for i := range align {
		align[i] = "---"
		if i < len(s.Right) && s.Right[i] {
			align[i] = "---:"
		}
	}
	b.WriteString("| " + strings.Join(align, " | ") + " |\n")
	for _, r := range s.Rows {
		b.WriteString(tableRow(r))
	}
	for _, l := range s.After {
		b.WriteString("\n**" + pdf.Escape(l) + "**\n")
	}
	return b.String()
}

func tableRow(cells []string) string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = pdf.Escape(c)
	}
	return "| " + strings.Join(out, " | ") + " |\n"
}

var _ purchasing.Printer = (*sheetPrinter)(nil)
