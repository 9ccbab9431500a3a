package pdf

import (
	"unicode"
	"unicode/utf8"
)

// glyphCode says in which encodings a rune is printable (bit e) and its code in each.
type glyphCode struct {
	mask uint8
	code [encCount]byte
}

// codes index every printable rune; lowCodes is the same below U+0500 without a map.
var codes, lowCodes = buildCodes()

// buildCodes inverts the encodings.
func buildCodes() (map[rune]glyphCode, *[0x500]glyphCode) {
	m := map[rune]glyphCode{}
	low := new([0x500]glyphCode)
	for e := 0; e < encCount; e++ {
		for c := 32; c < 256; c++ {
			r := codeRune(e, c)
			if r == 0 {
				continue
			}
			g := m[r]
			g.mask |= 1 << e
			g.code[e] = byte(c)
			m[r] = g
			if r < 0x500 {
				low[r] = g
			}
		}
	}
	return m, low
}

// lookup returns r's codes, folding runes the fonts do not carry to printable ones.
func lookup(r rune) (rune, glyphCode) {
	if r < 0x500 && lowCodes[r].mask != 0 {
		return r, lowCodes[r]
	}
	if g, ok := codes[r]; ok {
		return r, g
	}
	if invisible(r) {
		return r, glyphCode{}
	}
	switch {
	case r >= 0x2000 && r <= 0x200A, r == 0x202F, r == 0x205F, r == 0x3000:
		return 0xA0, lowCodes[0xA0] // thin and other spaces inside numbers and money
	case r == 0x2010 || r == 0x2011:
		return '-', lowCodes['-']
	case r == 0x2032:
		return '\'', lowCodes['\'']
	case r == 0x2033:
		return '"', lowCodes['"']
	}
	return '?', lowCodes['?']
}

// width is the advance of s in face fc at size pt, in millimetres.
func (fs *fontSet) width(fc face, size float64, s string) float64 {
	var w float64
	for _, r := range s {
		w += fs.runeWidth(fc, r)
	}
	return w * size / 1000 * mmPerPt
}

// runeWidth is r's advance in 1/1000 em (after folding).
func (fs *fontSet) runeWidth(fc face, r rune) float64 {
	if r < 0x500 {
		if w := fs.low[fc][r]; w != 0 {
			return float64(w)
		}
	}
	if r == 0xAD {
		return 0
	}
	if w, ok := fs.adv[fc][r]; ok {
		return w
	}
	r, _ = lookup(r)
	return fs.adv[fc][r] // 0 for invisible runes
}

// invisible reports format characters (zero-width spaces and joiners, byte
// order marks, bidirectional controls) that print nothing.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r)
}

// encodeRuns splits s into runs printable in one encoding each and calls emit
// with the encoding, the run's one-byte codes and its advance (1/1000 em) in
// face fc; it stays in the current encoding while it can, so spaces and digits
// do not cause font switches, and starts in prefer (the document language's
// encoding) when it can, so a document registers few fonts.
func (fs *fontSet) encodeRuns(fc face, s string, prefer int, buf []byte, emit func(enc int, code []byte, width float64)) []byte {
	cur := -1
	buf = buf[:0]
	var w float64
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		r, g := lookup(r)
		if g.mask == 0 || r == 0xAD { // format characters and the soft hyphen (we never hyphenate) print nothing
			continue
		}
		if cur < 0 || g.mask&(1<<cur) == 0 {
			if len(buf) > 0 {
				emit(cur, buf, w)
				buf, w = buf[:0], 0
			}
			cur = prefer
			if g.mask&(1<<prefer) == 0 {
				cur = firstBit(g.mask)
			}
		}
		buf = append(buf, g.code[cur])
		w += fs.runeWidth(fc, r)
	}
	if len(buf) > 0 {
		emit(cur, buf, w)
	}
	return buf
}

// firstBit is the lowest set bit's index.
func firstBit(m uint8) int {
	for e := 0; e < encCount; e++ {
		if m&(1<<e) != 0 {
			return e
		}
	}
	return 0
}
