package pdf

import (
	"strconv"
)

// fontName is the fpdf family registered for face fc under encoding e.
func fontName(fc face, e int) string { return "f" + strconv.Itoa(int(fc)) + "e" + strconv.Itoa(e) }

// setFont selects face fc in encoding e, registering it with this document on first use.
func (w *writer) setFont(fc face, e int, size float64) {
	id := int(fc)*encCount + e
	if id == w.curFont && size == w.curSize {
		return
	}
	name := fontName(fc, e)
	if !w.fonts[fc][e] {
		w.p.AddFontFromBytes(name, "", w.fs.def[fc][e], w.fs.file[fc])
		w.fonts[fc][e] = true
	}
	w.p.SetFont(name, "", size)
	if w.curFont < 0 {
		w.p.SetFontSize(size) // the page may be revisited (footers): make sure it has its own Tf
	}
	w.curFont, w.curSize = id, size
}

// text prints s with its baseline at (x, baseline), switching encodings as needed.
func (w *writer) text(fc face, size, x, baseline float64, s string) {
	scale := size / 1000 * mmPerPt
	w.buf = w.fs.encodeRuns(fc, s, w.prefer, w.buf, func(e int, code []byte, width float64) {
		w.setFont(fc, e, size)
		w.p.Text(x, baseline, string(code))
		x += width * scale
	})
}

// line prints one unwrapped line whose box starts at top.
func (w *writer) line(fc face, size float64, s string, x, top float64) {
	w.text(fc, size, x, top+size*mmPerPt*0.95, s)
}

// wrapped prints plain text wrapped to width from w.y and returns the new cursor.
func (w *writer) wrapped(s string, fc face, size, x, width, lh float64) float64 {
	y := w.y
	for _, ln := range w.layout([]span{{text: s}}, fc, size, width) {
		w.drawLine(ln, size, x, y)
		y += lh
	}
	return y
}

// wrappedCentered prints plain text centred on the body, wrapped, from w.y.
func (w *writer) wrappedCentered(s string, fc face, size, lh float64) float64 {
	y := w.y
	for _, ln := range w.layout([]span{{text: s}}, fc, size, bodyW) {
		w.drawLine(ln, size, marginL+(bodyW-ln.width)/2, y)
		y += lh
	}
	return y
}

// drawLine prints a laid-out line at left x with its box starting at top.
func (w *writer) drawLine(ln line, size, x, top float64) {
	base := top + size*mmPerPt*0.95
	for _, pc := range ln.pieces {
		w.text(pc.fc, size, x+pc.x, base, pc.s)
	}
}

// rawf appends PDF operators to the current page.
func (w *writer) raw(ops []byte) { w.p.RawWriteStr(string(ops)) }

// appendNum writes v with two decimals and a trailing space, as PDF content
// expects (fixed point by hand: strconv's float formatting is a hot spot here).
func appendNum(b []byte, v float64) []byte {
	c := int64(v*100 + 0.5)
	if v < 0 {
		c = int64(v*100 - 0.5)
	}
	if c < 0 {
		b, c = append(b, '-'), -c
	}
	b = strconv.AppendInt(b, c/100, 10)
	return append(b, '.', byte('0'+c/10%10), byte('0'+c%10), ' ')
}

// rule draws a line from (x1,y1) to (x2,y2) in mm, width lw mm, grey level g (0 black).
func (w *writer) rule(x1, y1, x2, y2, lw, g float64) {
	const k = 72 / 25.4
	b := append(w.num[:0], "q "...)
	b = appendNum(b, g)
	b = append(b, "G "...)
	b = appendNum(b, lw*k)
	b = append(b, "w "...)
	b = appendNum(b, x1*k)
	b = appendNum(b, (pageH-y1)*k)
	b = append(b, "m "...)
	b = appendNum(b, x2*k)
	b = appendNum(b, (pageH-y2)*k)
	b = append(b, "l S Q"...)
	w.num = b
	w.raw(b)
}

// fill paints a rectangle (mm, top-left origin) in grey level g.
func (w *writer) fill(x, y, wd, ht, g float64) {
	const k = 72 / 25.4
	b := append(w.num[:0], "q "...)
	b = appendNum(b, g)
	b = append(b, "g "...)
	b = appendNum(b, x*k)
	b = appendNum(b, (pageH-y-ht)*k)
	b = appendNum(b, wd*k)
	b = appendNum(b, ht*k)
	b = append(b, "re f Q"...)
	w.num = b
	w.raw(b)
}
