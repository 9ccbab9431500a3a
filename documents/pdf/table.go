package pdf

import (
	extast "github.com/yuin/goldmark/extension/ast"
)

// Table metrics (points and millimetres).
const (
	cellSize = 9.0
	cellLead = 4.4
	cellPadX = 1.6
	cellPadY = 1.2
)

// row is one table row's cells as spans; head marks the header row.
type row struct {
	cells [][]span
	head  bool
}

// table prints a GFM table across width: columns sized to their content,
// cells wrapped, the header repeated after a page break.
func (w *writer) table(t *extast.Table, x, width float64) {
	var rows []row
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells [][]span
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, w.inlines(c))
		}
		_, head := r.(*extast.TableHeader)
		rows = append(rows, row{cells: cells, head: head})
	}
	if len(rows) == 0 {
		return
	}
	g := &grid{cols: w.columns(rows, len(t.Alignments), width), align: t.Alignments, x: x}
	w.y += 0.5
	for i := range rows {
		laid := w.layRow(&rows[i], g.cols)
		if rows[i].head {
			g.header = laid
		}
		w.printRow(g, laid, rows[i].head)
	}
	w.y += paraGap + 1
}

// grid is a table's geometry while it prints: column widths and alignments,
// left edge, and the laid-out header that repeats after page breaks.
type grid struct {
	cols   []float64
	align  []extast.Alignment
	x      float64
	header [][]line
}

// cellFace is the face of a cell's text.
func cellFace(head bool) face {
	if head {
		return sansBold
	}
	return sans
}

// columns shares width between n columns: every column gets its longest word,
// the rest goes by how much wider each column's text would like to be.
func (w *writer) columns(rows []row, n int, width float64) []float64 {
	minW, natW := make([]float64, n), make([]float64, n)
	for _, r := range rows {
		for i, c := range r.cells {
			if i >= n {
				break
			}
			b := breaker{fs: w.fs, size: cellSize, width: 1e9}
			b.run(c, cellFace(r.head))
			for _, ln := range b.lines {
				natW[i] = max(natW[i], ln.width+2*cellPadX)
			}
			minW[i] = max(minW[i], min(b.maxWord, width/float64(n))+2*cellPadX)
		}
	}
	return share(minW, natW, width)
}

// share sizes columns: short columns (at most a quarter of the width) keep
// their natural width so numbers and prices never wrap; the long ones share
// the rest by how much wider each would like to be than its longest word.
func share(minW, natW []float64, width float64) []float64 {
	out := make([]float64, len(minW))
	var fixed float64
	var longMin, longNat []float64
	var long []int
	for i := range out {
		if natW[i] <= width/4 {
			out[i] = natW[i]
			fixed += natW[i]
			continue
		}
		long = append(long, i)
		longMin, longNat = append(longMin, minW[i]), append(longNat, natW[i])
	}
	rest := width - fixed
	if len(long) == 0 || sum(longMin) > rest {
		return spread(minW, natW, width)
	}
	for j, w := range spread(longMin, longNat, rest) {
		out[long[j]] = w
	}
	return out
}

// spread shares width between columns by their minimum and natural widths.
func spread(minW, natW []float64, width float64) []float64 {
	sumMin, sumNat := sum(minW), sum(natW)
	out := make([]float64, len(minW))
	for i := range out {
		switch {
		case sumNat <= width:
			out[i] = natW[i] + (width-sumNat)*natW[i]/sumNat
		case sumMin >= width:
			out[i] = width * minW[i] / sumMin
		default:
			out[i] = minW[i] + (width-sumMin)*(natW[i]-minW[i])/(sumNat-sumMin)
		}
	}
	return out
}

// sum adds up v.
func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// layRow breaks each cell of r into lines of its column's width.
func (w *writer) layRow(r *row, cols []float64) [][]line {
	laid := make([][]line, len(cols))
	for i := range cols {
		if i < len(r.cells) {
			laid[i] = w.layout(r.cells[i], cellFace(r.head), cellSize, cols[i]-2*cellPadX)
		}
	}
	return laid
}

// rowHeight is the height of a laid-out row.
func rowHeight(laid [][]line) float64 {
	h := 0
	for _, c := range laid {
		h = max(h, len(c))
	}
	return float64(h)*cellLead + 2*cellPadY
}

// printRow prints a row on this page, or on the next one (after the header)
// when it does not fit; a row taller than a whole page is split between pages.
func (w *writer) printRow(g *grid, laid [][]line, head bool) {
	h, minRow := rowHeight(laid), 2*cellLead+2*cellPadY
	if head {
		w.need(h + minRow) // never a header alone at the foot of a page
	}
	fitsPage := h <= bodyBottom-marginTop-rowHeight(g.header)
	if w.y+h > bodyBottom && w.y > marginTop+0.1 && (fitsPage || w.y+minRow > bodyBottom) {
		w.tableBreak(g, head)
	}
	for w.y+rowHeight(laid) > bodyBottom {
		n := max(1, int((bodyBottom-w.y-2*cellPadY)/cellLead))
		top, rest := splitRow(laid, n)
		w.drawRow(g, top, head)
		laid = rest
		w.tableBreak(g, head)
	}
	w.drawRow(g, laid, head)
}

// tableBreak continues a table on a new page, repeating its header.
func (w *writer) tableBreak(g *grid, head bool) {
	w.newPage()
	if g.header != nil && !head {
		w.drawRow(g, g.header, true)
	}
}

// splitRow cuts every cell of a row after n lines.
func splitRow(laid [][]line, n int) (top, rest [][]line) {
	top, rest = make([][]line, len(laid)), make([][]line, len(laid))
	for i, c := range laid {
		if len(c) > n {
			top[i], rest[i] = c[:n], c[n:]
		} else {
			top[i] = c
		}
	}
	return top, rest
}

// drawRow paints a row's background, cell borders and text at the cursor and moves below it.
func (w *writer) drawRow(g *grid, laid [][]line, head bool) {
	total, rowH := sum(g.cols), rowHeight(laid)
	if head {
		w.fill(g.x, w.y, total, rowH, 0.92)
	}
	w.rule(g.x, w.y, g.x+total, w.y, 0.2, 0.45)
	w.rule(g.x, w.y+rowH, g.x+total, w.y+rowH, 0.2, 0.45)
	cx := g.x
	for i, c := range g.cols {
		w.rule(cx, w.y, cx, w.y+rowH, 0.2, 0.45)
		for j, ln := range laid[i] {
			w.drawLine(ln, cellSize, cx+cellPadX+shift(alignOf(g.align, i), c-2*cellPadX-ln.width), w.y+cellPadY+float64(j)*cellLead)
		}
		cx += c
	}
	w.rule(cx, w.y, cx, w.y+rowH, 0.2, 0.45)
	w.y += rowH
}

// alignOf is column i's alignment.
func alignOf(a []extast.Alignment, i int) extast.Alignment {
	if i < len(a) {
		return a[i]
	}
	return extast.AlignNone
}

// shift is how far a line moves right inside free space for an alignment.
func shift(a extast.Alignment, free float64) float64 {
	switch a {
	case extast.AlignRight:
		return free
	case extast.AlignCenter:
		return free / 2
	}
	return 0
}
