package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// ttf is the part of a TrueType font the typesetter needs: its tables, glyph
// lookup and metrics (in font units).
type ttf struct {
	tables     map[string][]byte
	unitsPerEm int
	numGlyphs  int
	longLoca   bool
	cmap       map[rune]uint16
	advance    []uint16
	ascent     int
	descent    int
	capHeight  int
	bbox       [4]int
	italic     float64
}

var be = binary.BigEndian

// parseTTF reads the table directory and the tables the subsetter and metrics use.
func parseTTF(b []byte) (*ttf, error) {
	if len(b) < 12 {
		return nil, errors.New("ttf: too short")
	}
	n := int(be.Uint16(b[4:]))
	f := &ttf{tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		e := b[12+16*i:]
		off, ln := be.Uint32(e[8:]), be.Uint32(e[12:])
		if int(off+ln) > len(b) {
			return nil, fmt.Errorf("ttf: table %q out of range", e[:4])
		}
		f.tables[string(e[:4])] = b[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "post", "OS/2"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("ttf: missing table %s", t)
		}
	}
	f.readMetrics()
	return f, f.readCmap()
}

// readMetrics takes units, bounding box, ascent/descent, cap height, italic angle and advances.
func (f *ttf) readMetrics() {
	head, hhea, os2 := f.tables["head"], f.tables["hhea"], f.tables["OS/2"]
	f.unitsPerEm = int(be.Uint16(head[18:]))
	for i := range f.bbox {
		f.bbox[i] = int(int16(be.Uint16(head[36+2*i:])))
	}
	f.longLoca = be.Uint16(head[50:]) == 1
	f.numGlyphs = int(be.Uint16(f.tables["maxp"][4:]))
	f.ascent = int(int16(be.Uint16(hhea[4:])))
	f.descent = int(int16(be.Uint16(hhea[6:])))
	f.capHeight = f.ascent
	if be.Uint16(os2) >= 2 && len(os2) >= 90 {
		f.capHeight = int(int16(be.Uint16(os2[88:])))
	}
	f.italic = float64(int32(be.Uint32(f.tables["post"][4:]))) / 65536
	nh := int(be.Uint16(hhea[34:]))
	hmtx := f.tables["hmtx"]
	f.advance = make([]uint16, f.numGlyphs)
	for g := range f.advance {
		f.advance[g] = be.Uint16(hmtx[4*min(g, nh-1):])
	}
}

// readCmap loads the Windows Unicode BMP (3,1) format 4 subtable.
func (f *ttf) readCmap() error {
	c := f.tables["cmap"]
	for i := 0; i < int(be.Uint16(c[2:])); i++ {
		r := c[4+8*i:]
		if be.Uint16(r) == 3 && be.Uint16(r[2:]) == 1 {
			return f.readFormat4(c[be.Uint32(r[4:]):])
		}
	}
	return errors.New("ttf: no (3,1) cmap")
}

// readFormat4 decodes a segment-mapped cmap subtable.
func (f *ttf) readFormat4(s []byte) error {
	if be.Uint16(s) != 4 {
		return errors.New("ttf: cmap (3,1) is not format 4")
	}
	seg := int(be.Uint16(s[6:])) / 2
	ends, starts, deltas, offs := s[14:], s[16+2*seg:], s[16+4*seg:], s[16+6*seg:]
	f.cmap = map[rune]uint16{}
	for i := 0; i < seg; i++ {
		end, start := int(be.Uint16(ends[2*i:])), int(be.Uint16(starts[2*i:]))
		delta, ro := be.Uint16(deltas[2*i:]), int(be.Uint16(offs[2*i:]))
		for c := start; c <= end && c != 0xffff; c++ {
			g := uint16(c) + delta
			if ro != 0 {
				g = be.Uint16(offs[2*i+ro+2*(c-start):])
				if g != 0 {
					g += delta
				}
			}
			if g != 0 {
				f.cmap[rune(c)] = g
			}
		}
	}
	return nil
}

// glyph returns glyph g's outline bytes.
func (f *ttf) glyph(g int) []byte {
	loca := f.tables["loca"]
	var a, b int
	if f.longLoca {
		a, b = int(be.Uint32(loca[4*g:])), int(be.Uint32(loca[4*g+4:]))
	} else {
		a, b = 2*int(be.Uint16(loca[2*g:])), 2*int(be.Uint16(loca[2*g+2:]))
	}
	return f.tables["glyf"][a:b]
}

// compositeRecords returns where each component record of a composite glyph
// starts (its flags, then the component's glyph id) and where the records end;
// nil for simple glyphs.
func compositeRecords(g []byte) (starts []int, end int) {
	if len(g) < 10 || int16(be.Uint16(g)) >= 0 {
		return nil, 0
	}
	for p := 10; ; {
		flags := be.Uint16(g[p:])
		starts = append(starts, p)
		p += 6            // flags, glyph id, two byte-sized arguments
		if flags&1 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 2
		}
		switch {
		case flags&8 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x40 != 0: // X_AND_Y_SCALE
			p += 4
		case flags&0x80 != 0: // TWO_BY_TWO
			p += 8
		}
		if flags&0x20 == 0 { // MORE_COMPONENTS
			return starts, p
		}
	}
}
