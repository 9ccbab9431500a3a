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
	cols := w.columns(rows, len(t.Alignments), width)
	w.y += 0.5
	var header *row
	for i := range rows {
		if rows[i].head {
			header = &rows[i]
		}
		if w.tableRow(&rows[i], cols, t.Alignments, x) && header != nil && !rows[i].head {
			w.tableRow(header, cols, t.Alignments, x)
			w.tableRow(&rows[i], cols, t.Alignments, x)
		}
	}
	w.y += paraGap + 1
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

// tableRow prints one row; when the row does not fit it starts a new page and
// reports true without printing, so the caller can repeat the header first.
func (w *writer) tableRow(r *row, cols []float64, align []extast.Alignment, x float64) bool {
	laid := make([][]line, len(cols))
	h := 0
	for i := range cols {
		if i < len(r.cells) {
			laid[i] = w.layout(r.cells[i], cellFace(r.head), cellSize, cols[i]-2*cellPadX)
		}
		h = max(h, len(laid[i]))
	}
	rowH := float64(h)*cellLead + 2*cellPadY
	if w.y+rowH > bodyBottom && w.y > marginTop+0.1 {
		w.newPage()
		return true
	}
	w.drawRow(laid, cols, align, x, rowH, r.head)
	w.y += rowH
	return false
}

// drawRow paints the row's background, cell borders and text.
func (w *writer) drawRow(laid [][]line, cols []float64, align []extast.Alignment, x, rowH float64, head bool) {
	total := sum(cols)
	if head {
		w.fill(x, w.y, total, rowH, 0.92)
	}
	w.rule(x, w.y, x+total, w.y, 0.2, 0.45)
	w.rule(x, w.y+rowH, x+total, w.y+rowH, 0.2, 0.45)
	cx := x
	for i, c := range cols {
		w.rule(cx, w.y, cx, w.y+rowH, 0.2, 0.45)
		for j, ln := range laid[i] {
			w.drawLine(ln, cellSize, cx+cellPadX+shift(alignOf(align, i), c-2*cellPadX-ln.width), w.y+cellPadY+float64(j)*cellLead)
		}
		cx += c
	}
	w.rule(cx, w.y, cx, w.y+rowH, 0.2, 0.45)
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
