package pdf

import "sort"

// subset builds a font holding only the glyphs of runes (plus .notdef and
// composite parts), renumbered, with a fresh (3,1) cmap, and returns the font file.
func (f *ttf) subset(runes []rune) []byte {
	keep, newID, cmap := f.keepGlyphs(runes)
	glyf, loca, hmtx := f.rebuildGlyphs(keep, newID)
	t := map[string][]byte{"glyf": glyf, "loca": loca, "hmtx": hmtx, "cmap": buildCmap(cmap),
		"name": f.shortName(), "OS/2": f.tables["OS/2"]} // no cvt, fpgm, prep: the glyphs lose their hinting (see unhinted)
	t["head"] = patch32(patch(f.tables["head"], 50, 1), 8, 0) // long loca; checksum adjustment recomputed
	t["hhea"] = patch(f.tables["hhea"], 34, len(keep))
	t["maxp"] = patch(f.tables["maxp"], 4, len(keep))
	t["post"] = patch32(append([]byte(nil), f.tables["post"][:32]...), 0, 0x00030000) // no glyph names
	return assemble(t)
}

// keepGlyphs lists the glyphs to keep (.notdef first, then each rune's glyph
// and the parts of composite glyphs), their new ids, and the runes' new ids.
func (f *ttf) keepGlyphs(runes []rune) ([]int, map[int]uint16, map[rune]uint16) {
	keep := []int{0}
	newID := map[int]uint16{0: 0}
	var add func(g int)
	add = func(g int) {
		if _, ok := newID[g]; ok {
			return
		}
		newID[g] = uint16(len(keep))
		keep = append(keep, g)
		data := f.glyph(g)
		starts, _ := compositeRecords(data)
		for _, at := range starts {
			add(int(be.Uint16(data[at+2:])))
		}
	}
	cmap := map[rune]uint16{}
	for _, r := range runes {
		if g, ok := f.cmap[r]; ok {
			add(int(g))
			cmap[r] = newID[int(g)]
		}
	}
	return keep, newID, cmap
}

// rebuildGlyphs copies the kept glyphs in their new order, remapping composite parts.
func (f *ttf) rebuildGlyphs(keep []int, newID map[int]uint16) (glyf, loca, hmtx []byte) {
	loca = make([]byte, 0, 4*(len(keep)+1))
	for _, g := range keep {
		loca = be.AppendUint32(loca, uint32(len(glyf)))
		data := unhinted(f.glyph(g))
		starts, _ := compositeRecords(data)
		for _, at := range starts {
			be.PutUint16(data[at+2:], newID[int(be.Uint16(data[at+2:]))])
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

// cmapSeg is a run of consecutive runes mapped to consecutive glyphs.
type cmapSeg struct{ start, end rune }

// buildCmap writes a cmap with one (3,1) format 4 subtable.
func buildCmap(m map[rune]uint16) []byte {
	segs := cmapSegments(m)
	n := len(segs)
	sr := 1
	for sr*2 <= n {
		sr *= 2
	}
	sub := be16(nil, 4, 16+8*n, 0, 2*n, 2*sr, bitsLen(sr), 2*n-2*sr)
	for _, s := range segs {
		sub = be16(sub, int(s.end))
	}
	sub = be16(sub, 0)
	for _, s := range segs {
		sub = be16(sub, int(s.start))
	}
	for _, s := range segs {
		d := uint16(1) // the final 0xFFFF segment maps to glyph 0
		if s.start != 0xffff {
			d = m[s.start] - uint16(s.start)
		}
		sub = be16(sub, int(d))
	}
	sub = append(sub, make([]byte, 2*n)...) // no idRangeOffsets
	return append(be16(nil, 0, 1, 3, 1, 0, 12), sub...)
}

// cmapSegments groups the mapping into segments, ending with the required 0xFFFF one.
func cmapSegments(m map[rune]uint16) []cmapSeg {
	rs := make([]rune, 0, len(m))
	for r := range m {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	var segs []cmapSeg
	for _, r := range rs {
		if n := len(segs); n > 0 && segs[n-1].end == r-1 && m[r] == m[r-1]+1 {
			segs[n-1].end = r
		} else {
			segs = append(segs, cmapSeg{r, r})
		}
	}
	return append(segs, cmapSeg{0xffff, 0xffff})
}

// be16 appends values as big-endian uint16s.
func be16(b []byte, vs ...int) []byte {
	for _, v := range vs {
		b = be.AppendUint16(b, uint16(v))
	}
	return b
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

// shortName keeps the name table's Windows records for copyright, family,
// style, full and PostScript names; DejaVu's licence text (nameID 13) and the
// rest are not needed inside a PDF and would weigh 15 KB per face.
func (f *ttf) shortName() []byte {
	nt := f.tables["name"]
	if len(nt) < 6 {
		return nt
	}
	count, strOff := int(be.Uint16(nt[2:])), int(be.Uint16(nt[4:]))
	var recs, strs []byte
	n := 0
	for i := 0; i < count && 6+12*i+12 <= len(nt); i++ {
		r := nt[6+12*i:]
		id, ln, off := be.Uint16(r[6:]), int(be.Uint16(r[8:])), int(be.Uint16(r[10:]))
		if be.Uint16(r) != 3 || (id != 0 && id != 1 && id != 2 && id != 4 && id != 6) || strOff+off+ln > len(nt) {
			continue
		}
		recs = append(recs, r[:8]...)
		recs = be.AppendUint16(recs, uint16(ln))
		recs = be.AppendUint16(recs, uint16(len(strs)))
		strs = append(strs, nt[strOff+off:strOff+off+ln]...)
		n++
	}
	out := be.AppendUint16(nil, 0)
	out = be.AppendUint16(out, uint16(n))
	out = be.AppendUint16(out, uint16(6+12*n))
	return append(append(out, recs...), strs...)
}

// unhinted copies a glyph without its TrueType instructions: hinting only
// sharpens small sizes on screen, and it is a third of DejaVu's glyph data.
func unhinted(g []byte) []byte {
	if len(g) < 10 {
		return append([]byte(nil), g...)
	}
	if n := int(int16(be.Uint16(g))); n >= 0 {
		at := 10 + 2*n
		ln := int(be.Uint16(g[at:]))
		out := append([]byte(nil), g[:at]...)
		out = append(out, 0, 0)
		return append(out, g[at+2+ln:]...)
	}
	starts, end := compositeRecords(g)
	last := starts[len(starts)-1]
	out := append([]byte(nil), g[:end]...)
	be.PutUint16(out[last:], be.Uint16(out[last:])&^0x100) // WE_HAVE_INSTRUCTIONS
	return out
}
