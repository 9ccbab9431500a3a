package pdf

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// Body text metrics (points and millimetres).
const (
	bodySize   = 10.0
	bodyLead   = 5.0
	paraGap    = 2.2
	listIndent = 6.0
)

// blocks typesets the document tree's top-level blocks at full width.
func (w *writer) blocks(root ast.Node) {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		w.block(n, marginL, bodyW)
	}
}

// block typesets one block at left x within width.
func (w *writer) block(n ast.Node, x, width float64) {
	switch v := n.(type) {
	case *ast.Heading:
		w.heading(v, x, width)
	case *ast.Paragraph, *ast.TextBlock:
		w.paragraph(n, x, width)
	case *ast.List:
		w.list(v, x, width)
	case *extast.Table:
		w.table(v, x, width)
	case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
		w.literal(n, x, width) // outside the subset (CheckMarkdown refuses it): printed as inert text
	case *ast.ThematicBreak:
		w.y += 2
		w.rule(x, w.y, x+width, w.y, 0.2, 0.5)
		w.y += 3
	case *ast.Blockquote: // outside the subset: printed indented
		w.children(n, x+listIndent, width-listIndent)
	default:
		w.children(n, x, width)
	}
}

// children typesets n's child blocks.
func (w *writer) children(n ast.Node, x, width float64) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c, x, width)
	}
}

// headingStyle is the face, size and leading of heading levels 1-3 (deeper ones print as 3).
func headingStyle(level int) (face, float64, float64) {
	switch level {
	case 1:
		return serifBold, 14, 6.6
	case 2:
		return serifBold, 12, 5.8
	}
	return sansBold, 10.5, 5.2
}

// heading prints a heading, kept on a page with at least two following lines.
func (w *writer) heading(h *ast.Heading, x, width float64) {
	fc, size, lead := headingStyle(h.Level)
	lines := w.layout(w.inlines(h), fc, size, width)
	if w.y > marginTop+0.1 {
		w.y += 2.5
	}
	w.need(float64(len(lines))*lead + 2*bodyLead)
	for _, ln := range lines {
		w.drawLine(ln, size, x, w.y)
		w.y += lead
	}
	w.y += 1.2
}

// paragraph prints a paragraph, a page break (+++) or a signature block.
func (w *writer) paragraph(n ast.Node, x, width float64) {
	raw := strings.TrimSpace(string(n.Lines().Value(w.src)))
	if raw == "+++" {
		if w.y > marginTop+0.1 {
			w.newPage()
		}
		return
	}
	if label, ok := signatureLabel(raw); ok {
		w.signature(label, x)
		return
	}
	w.lines(w.layout(w.inlines(n), sans, bodySize, width), x, bodySize, bodyLead)
	if n.Kind() == ast.KindParagraph {
		w.y += paraGap
	} else {
		w.y += 0.6 // a tight list item's text
	}
}

// lines prints laid-out lines from the cursor, breaking pages between them.
func (w *writer) lines(ls []line, x, size, lead float64) {
	for _, ln := range ls {
		w.need(lead)
		w.drawLine(ln, size, x, w.y)
		w.y += lead
	}
}

// signatureLabel recognises the paragraph "[signature: <label>]" in raw source;
// escaped user text ("\[signature: ...\]") never matches.
func signatureLabel(raw string) (string, bool) {
	rest, ok := strings.CutPrefix(raw, "[signature:")
	if !ok || !strings.HasSuffix(rest, "]") || strings.ContainsAny(rest[:len(rest)-1], "[]\n") {
		return "", false
	}
	return strings.TrimSpace(rest[:len(rest)-1]), true
}

// list prints bullet or numbered items, nested lists indented further.
func (w *writer) list(l *ast.List, x, width float64) {
	num := l.Start
	if num == 0 {
		num = 1
	}
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		marker := "•"
		if depth(l) > 1 {
			marker = "–"
		}
		if l.IsOrdered() {
			marker = strconv.Itoa(num) + "."
			num++
		}
		w.need(bodyLead)
		w.line(sans, bodySize, marker, x+1, w.y)
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			w.block(c, x+listIndent, width-listIndent)
		}
	}
	if l.Parent() == nil || l.Parent().Kind() != ast.KindListItem {
		w.y += paraGap - 0.6
	}
}

// literal prints a block's source lines as plain text.
func (w *writer) literal(n ast.Node, x, width float64) {
	var b bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		s := n.Lines().At(i)
		b.Write(s.Value(w.src))
	}
	for _, l := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
		w.lines(w.layout([]span{{text: l}}, sans, bodySize, width), x, bodySize, bodyLead)
	}
	w.y += paraGap
}

// inlines collects the styled text of n's inline children.
func (w *writer) inlines(n ast.Node) []span {
	return w.collect(n, 0, nil)
}

// collect appends n's children as spans in style.
func (w *writer) collect(n ast.Node, style uint8, out []span) []span {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Text:
			out = append(out, span{style: style, text: inlineText(v.Segment.Value(w.src), v.IsRaw())})
			if v.HardLineBreak() {
				out = append(out, span{br: true})
			} else if v.SoftLineBreak() {
				out = append(out, span{style: style, text: " "})
			}
		case *ast.String:
			out = append(out, span{style: style, text: inlineText(v.Value, v.IsRaw())})
		case *ast.Emphasis:
			s := styleItalic
			if v.Level >= 2 {
				s = styleBold
			}
			out = w.collect(v, style|s, out)
		case *ast.RawHTML:
			for i := 0; i < v.Segments.Len(); i++ {
				seg := v.Segments.At(i)
				out = append(out, span{style: style, text: string(seg.Value(w.src))})
			}
		case *ast.AutoLink:
			out = append(out, span{style: style, text: string(v.URL(w.src))})
		default:
			out = w.collect(c, style, out)
		}
	}
	return out
}

// inlineText resolves backslash escapes and entity references in one pass
// (so an escaped "\&amp;" stays the literal text "&amp;").
func inlineText(b []byte, raw bool) string {
	if raw || bytes.IndexByte(b, '\\') < 0 && bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b) && isPunct(b[i+1]):
			out.WriteByte(b[i+1])
			i++
		case c == '&':
			if s, n := entity(b[i:]); n > 0 {
				out.WriteString(s)
				i += n - 1
				continue
			}
			out.WriteByte(c)
		default:
			out.WriteByte(c)
		}
	}
	return out.String()
}
