package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
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

// components lists the glyphs a composite glyph is built from (nil for simple glyphs).
func components(g []byte) (ids []int, offsets []int) {
	if len(g) < 10 || int16(be.Uint16(g)) >= 0 {
		return nil, nil
	}
	for p := 10; ; {
		flags := be.Uint16(g[p:])
		ids, offsets = append(ids, int(be.Uint16(g[p+2:]))), append(offsets, p+2)
		p += 4
		if flags&1 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
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
			return ids, offsets
		}
	}
}

// subset builds a font holding only the glyphs of runes (plus .notdef and
// composite parts), renumbered, with a fresh (3,1) cmap; it returns the font
// file and the new glyph id of each rune.
func (f *ttf) subset(runes []rune) ([]byte, map[rune]uint16) {
	keep := []int{0}
	newID := map[int]uint16{0: 0}
	var add func(g int)
	add = func(g int) {
		if _, ok := newID[g]; ok {
			return
		}
		newID[g] = uint16(len(keep))
		keep = append(keep, g)
		ids, _ := components(f.glyph(g))
		for _, c := range ids {
			add(c)
		}
	}
	cmap := map[rune]uint16{}
	for _, r := range runes {
		if g, ok := f.cmap[r]; ok {
			add(int(g))
			cmap[r] = newID[int(g)]
		}
	}
	glyf, loca, hmtx := f.rebuildGlyphs(keep, newID)
	t := map[string][]byte{"glyf": glyf, "loca": loca, "hmtx": hmtx, "cmap": buildCmap(cmap)}
	for _, k := range []string{"cvt ", "fpgm", "prep", "name", "OS/2"} {
		if f.tables[k] != nil {
			t[k] = f.tables[k]
		}
	}
	t["head"] = patch(f.tables["head"], 50, 1)
	t["head"] = patch32(t["head"], 8, 0)
	t["hhea"] = patch(f.tables["hhea"], 34, len(keep))
	t["maxp"] = patch(f.tables["maxp"], 4, len(keep))
	post := append([]byte(nil), f.tables["post"][:32]...)
	t["post"] = patch32(post, 0, 0x00030000)
	return assemble(t), cmap
}

// rebuildGlyphs copies the kept glyphs in their new order, remapping composite parts.
func (f *ttf) rebuildGlyphs(keep []int, newID map[int]uint16) (glyf, loca, hmtx []byte) {
	loca = make([]byte, 0, 4*(len(keep)+1))
	for _, g := range keep {
		loca = be.AppendUint32(loca, uint32(len(glyf)))
		data := append([]byte(nil), f.glyph(g)...)
		_, offs := components(data)
		for _, o := range offs {
			be.PutUint16(data[o:], newID[int(be.Uint16(data[o:]))])
		}
		glyf = append(glyf, data...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		hmtx = be.AppendUint16(hmtx, f.advance[g])
		hmtx = be.AppendUint16(hmtx, uint16(f.lsb(g)))
	}
	return glyf, be.AppendUint32(loca, uint32(len(glyf))), hmtx
}

// lsb is glyph g's left side bearing.
func (f *ttf) lsb(g int) int16 {
	nh := int(be.Uint16(f.tables["hhea"][34:]))
	hmtx := f.tables["hmtx"]
	if g < nh {
		return int16(be.Uint16(hmtx[4*g+2:]))
	}
	return int16(be.Uint16(hmtx[4*nh+2*(g-nh):]))
}

// buildCmap writes a cmap with one (3,1) format 4 subtable, one segment per rune run.
func buildCmap(m map[rune]uint16) []byte {
	rs := make([]rune, 0, len(m))
	for r := range m {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	type seg struct{ start, end rune }
	var segs []seg
	for _, r := range rs {
		if n := len(segs); n > 0 && segs[n-1].end == r-1 && m[r] == m[r-1]+1 {
			segs[n-1].end = r
		} else {
			segs = append(segs, seg{r, r})
		}
	}
	segs = append(segs, seg{0xffff, 0xffff})
	n := len(segs)
	sub := be.AppendUint16(nil, 4)
	sub = be.AppendUint16(sub, uint16(16+8*n))
	sub = be.AppendUint16(sub, 0)
	sub = be.AppendUint16(sub, uint16(2*n))
	sr := 1
	for sr*2 <= n {
		sr *= 2
	}
	sub = be.AppendUint16(sub, uint16(2*sr))
	sub = be.AppendUint16(sub, uint16(bitsLen(sr)))
	sub = be.AppendUint16(sub, uint16(2*n-2*sr))
	for _, s := range segs {
		sub = be.AppendUint16(sub, uint16(s.end))
	}
	sub = be.AppendUint16(sub, 0)
	for _, s := range segs {
		sub = be.AppendUint16(sub, uint16(s.start))
	}
	for _, s := range segs {
		d := uint16(1)
		if s.start != 0xffff {
			d = m[s.start] - uint16(s.start)
		}
		sub = be.AppendUint16(sub, d)
	}
	for range segs {
		sub = be.AppendUint16(sub, 0)
	}
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...)
}

// bitsLen is log2 of a power of two.
func bitsLen(p int) int {
	n := 0
	for p > 1 {
		p >>= 1
		n++
	}
	return n
}

// patch returns a copy of t with the uint16 at off set to v.
func patch(t []byte, off, v int) []byte {
	c := append([]byte(nil), t...)
	be.PutUint16(c[off:], uint16(v))
	return c
}

// patch32 sets the uint32 at off in place and returns t.
func patch32(t []byte, off int, v uint32) []byte {
	be.PutUint32(t[off:], v)
	return t
}

// assemble writes the sfnt: directory, tables padded to 4 bytes, checksums and head's adjustment.
func assemble(t map[string][]byte) []byte {
	tags := make([]string, 0, len(t))
	for k := range t {
		tags = append(tags, k)
	}
	sort.Strings(tags)
	n := len(tags)
	sr := 1
	for sr*2 <= n {
		sr *= 2
	}
	out := be.AppendUint32(nil, 0x00010000)
	out = be.AppendUint16(out, uint16(n))
	out = be.AppendUint16(out, uint16(16*sr))
	out = be.AppendUint16(out, uint16(bitsLen(sr)))
	out = be.AppendUint16(out, uint16(16*n-16*sr))
	off := 12 + 16*n
	var body []byte
	headAt := 0
	for _, k := range tags {
		d := t[k]
		if k == "head" {
			headAt = off + len(body)
		}
		out = append(out, k...)
		out = be.AppendUint32(out, checksum(d))
		out = be.AppendUint32(out, uint32(off+len(body)))
		out = be.AppendUint32(out, uint32(len(d)))
		body = append(body, d...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	out = append(out, body...)
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

// checksum is the sfnt table checksum (sum of big-endian uint32 words).
func checksum(d []byte) uint32 {
	var s uint32
	for i := 0; i < len(d); i += 4 {
		var w [4]byte
		copy(w[:], d[i:])
		s += be.Uint32(w[:])
	}
	return s
}
