package pdf

import "strings"

// Inline styles (bits of span.style).
const (
	styleBold uint8 = 1 << iota
	styleItalic
)

// span is inline text in one style; br marks a hard line break.
type span struct {
	style uint8
	text  string
	br    bool
}

// piece is text in one face placed at x (mm from the line's left edge).
type piece struct {
	fc face
	s  string
	x  float64
}

// line is one laid-out line.
type line struct {
	pieces []piece
	width  float64
}

// styled is the face for a style over a base face (serif has no italic).
func styled(base face, style uint8) face {
	bold, italic := style&styleBold != 0, style&styleItalic != 0
	if base == serif || base == serifBold {
		if bold || base == serifBold {
			return serifBold
		}
		return serif
	}
	if base == sansBold {
		bold = true
	}
	switch {
	case bold && italic:
		return sansBoldItalic
	case bold:
		return sansBold
	case italic:
		return sansItalic
	}
	return sans
}

// fitSlack absorbs rounding when a column is exactly as wide as its text (mm).
const fitSlack = 0.01

// breaker fills lines greedily, word by word; a word may mix styles.
type breaker struct {
	fs      *fontSet
	size    float64
	width   float64
	lines   []line
	cur     line
	word    []piece // the word being collected, x relative to its start
	wordW   float64
	gap     float64 // width of the space before the word (0: none)
	gapFace face
	maxWord float64 // widest word seen (a table column's minimum)
}

// layout breaks spans, set in base face at size, into lines of at most width mm.
func (w *writer) layout(spans []span, base face, size, width float64) []line {
	b := breaker{fs: w.fs, size: size, width: width}
	b.run(spans, base)
	return b.lines
}

// run feeds all spans and closes the last line.
func (b *breaker) run(spans []span, base face) {
	for _, sp := range spans {
		if sp.br {
			b.flush()
			b.endLine()
			continue
		}
		fc := styled(base, sp.style)
		b.feed(fc, sp.text)
	}
	b.flush()
	if len(b.cur.pieces) > 0 || len(b.lines) == 0 {
		b.endLine()
	}
}

// feed adds text in face fc, splitting it at ordinary spaces.
func (b *breaker) feed(fc face, s string) {
	for {
		i := strings.IndexAny(s, " \t\n")
		if i < 0 {
			b.add(fc, s)
			return
		}
		b.add(fc, s[:i])
		b.flush()
		b.gap, b.gapFace = b.fs.width(fc, b.size, " "), fc
		s = s[i+1:]
	}
}

// add appends a fragment to the current word.
func (b *breaker) add(fc face, s string) {
	if s == "" {
		return
	}
	wd := b.fs.width(fc, b.size, s)
	if n := len(b.word); n > 0 && b.word[n-1].fc == fc {
		b.word[n-1].s += s
	} else {
		b.word = append(b.word, piece{fc: fc, s: s, x: b.wordW})
	}
	b.wordW += wd
}

// flush places the collected word on the current line or the next one.
func (b *breaker) flush() {
	if len(b.word) == 0 {
		return
	}
	b.maxWord = max(b.maxWord, b.wordW)
	gap := b.gap
	if len(b.cur.pieces) == 0 {
		gap = 0
	}
	if len(b.cur.pieces) > 0 && b.cur.width+gap+b.wordW > b.width+fitSlack {
		b.endLine()
		gap = 0
	}
	if b.wordW > b.width+fitSlack {
		b.placeLong()
	} else {
		b.place(gap)
	}
	b.word, b.wordW, b.gap = b.word[:0], 0, 0
}

// place puts the word after a gap, merging with the previous piece when the
// faces match (one text operator prints "word word" just as well).
func (b *breaker) place(gap float64) {
	x := b.cur.width + gap
	for i, pc := range b.word {
		n := len(b.cur.pieces)
		if n > 0 && b.cur.pieces[n-1].fc == pc.fc && (i > 0 || gap == 0 || b.gapFace == pc.fc) {
			sep := ""
			if i == 0 && gap > 0 {
				sep = " "
			}
			b.cur.pieces[n-1].s += sep + pc.s
			continue
		}
		b.cur.pieces = append(b.cur.pieces, piece{fc: pc.fc, s: pc.s, x: x + pc.x})
	}
	b.cur.width = x + b.wordW
}

// placeLong breaks a word wider than the line between characters.
func (b *breaker) placeLong() {
	for _, pc := range b.word {
		start, startX := 0, b.cur.width
		for i, r := range pc.s {
			rw := b.fs.runeWidth(pc.fc, r) * b.size / 1000 * mmPerPt
			if b.cur.width+rw > b.width && b.cur.width > 0 {
				if i > start {
					b.cur.pieces = append(b.cur.pieces, piece{fc: pc.fc, s: pc.s[start:i], x: startX})
				}
				b.endLine()
				start, startX = i, 0
			}
			b.cur.width += rw
		}
		if start < len(pc.s) {
			b.cur.pieces = append(b.cur.pieces, piece{fc: pc.fc, s: pc.s[start:], x: startX})
		}
	}
}

// endLine closes the current line.
func (b *breaker) endLine() {
	b.lines = append(b.lines, b.cur)
	b.cur = line{}
}
