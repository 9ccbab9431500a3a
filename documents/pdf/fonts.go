package pdf

import (
	"bytes"
	"compress/zlib"
	"embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

//go:embed fonts/*.ttf
var fontFiles embed.FS

// face is one typeface of the documents (family and weight/slant).
type face int

// The faces: body text in DejaVu Sans, headings and letterhead in DejaVu Serif.
const (
	sans face = iota
	sansBold
	sansItalic
	sansBoldItalic
	serif
	serifBold
	faceCount
)

// faceFiles are the embedded font files, in face order.
var faceFiles = [faceCount]string{
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
	"DejaVuSans-BoldOblique.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf",
}

// encCount is the number of one-byte encodings each face is registered under:
// PDF simple fonts address 224 glyphs, too few for Latin, Polish and Cyrillic at once.
const encCount = 3

// encodings map codes 128-255 to runes (codes 32-126 are ASCII in all of them):
// 0 is WinAnsi (Western European and Swedish), 1 Cyrillic plus currency and
// typography, 2 Latin Extended-A (Polish and other Central European letters).
var encodings = [encCount][128]rune{winAnsiHigh(), cyrillicHigh(), latinExtAHigh()}

// fontSet holds what every Render shares: per face and encoding the fpdf font
// definition (JSON) and the compressed subset font file, and the metrics the layout uses.
type fontSet struct {
	def  [faceCount][encCount][]byte
	file [faceCount][]byte
	adv  [faceCount]map[rune]float64 // advance in 1/1000 em
	low  [faceCount][0x500]float32   // the same for runes below U+0500, without a map lookup
}

// loadFonts parses and subsets each face once and prepares its fpdf definitions.
func loadFonts() (*fontSet, error) {
	fs := &fontSet{}
	runes := charset()
	for fc := face(0); fc < faceCount; fc++ {
		raw, err := fontFiles.ReadFile("fonts/" + faceFiles[fc])
		if err != nil {
			return nil, err
		}
		if err := fs.prepare(fc, raw, runes); err != nil {
			return nil, fmt.Errorf("pdf: font %s: %w", faceFiles[fc], err)
		}
	}
	return fs, nil
}

// prepare subsets one face, compresses it and builds its three definitions.
func (fs *fontSet) prepare(fc face, raw []byte, runes []rune) error {
	t, err := parseTTF(raw)
	if err != nil {
		return err
	}
	sub := t.subset(runes)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(sub)
	zw.Close()
	fs.file[fc] = z.Bytes()
	scale := 1000 / float64(t.unitsPerEm)
	fs.adv[fc] = map[rune]float64{}
	for _, r := range runes {
		if g, ok := t.cmap[r]; ok {
			w := float64(t.advance[g]) * scale
			fs.adv[fc][r] = w
			if r < 0x500 {
				fs.low[fc][r] = float32(w)
			}
		}
	}
	for e := 0; e < encCount; e++ {
		if fs.def[fc][e], err = fs.definition(fc, e, t, len(sub)); err != nil {
			return err
		}
	}
	return nil
}

// fontDef mirrors fpdf's font definition JSON (what its makefont writes).
type fontDef struct {
	Tp           string
	Name         string
	Desc         fontDesc
	Up, Ut       int
	Cw           []int
	Enc, Diff    string
	File         string
	Size1, Size2 int
	OriginalSize int
}

// fontDesc mirrors fpdf.FontDescType.
type fontDesc struct {
	Ascent, Descent, CapHeight, Flags int
	FontBBox                          struct{ Xmin, Ymin, Xmax, Ymax int }
	ItalicAngle, StemV, MissingWidth  int
}

// definition is fpdf's JSON for face fc under encoding e.
func (fs *fontSet) definition(fc face, e int, t *ttf, size int) ([]byte, error) {
	scale := 1000 / float64(t.unitsPerEm)
	u := func(v int) int { return int(float64(v)*scale + 0.5*sign(v)) }
	d := fontDef{Tp: "TrueType", Name: fmt.Sprintf("FDSUB%c+%s", 'A'+rune(fc), strings.TrimSuffix(faceFiles[fc], ".ttf")),
		File: fmt.Sprintf("dejavu%d.z", fc), OriginalSize: size, Up: -100, Ut: 50, Enc: fmt.Sprintf("fd%d", e)}
	d.Desc.Ascent, d.Desc.Descent, d.Desc.CapHeight = u(t.ascent), u(t.descent), u(t.capHeight)
	d.Desc.Flags = 32
	if t.italic != 0 {
		d.Desc.Flags |= 64
	}
	d.Desc.FontBBox.Xmin, d.Desc.FontBBox.Ymin = u(t.bbox[0]), u(t.bbox[1])
	d.Desc.FontBBox.Xmax, d.Desc.FontBBox.Ymax = u(t.bbox[2]), u(t.bbox[3])
	d.Desc.ItalicAngle, d.Desc.StemV, d.Desc.MissingWidth = int(t.italic), 70, 600
	if fc == sansBold || fc == sansBoldItalic || fc == serifBold {
		d.Desc.StemV = 120
	}
	d.Cw = make([]int, 256)
	var diff []string
	for c := 0; c < 256; c++ {
		r := codeRune(e, c)
		d.Cw[c] = int(fs.adv[fc][r] + 0.5)
		if c >= 128 && e > 0 && r != 0 {
			if codeRune(e, c-1) == 0 || c == 128 { // a run of codes names only its first code
				diff = append(diff, strconv.Itoa(c))
			}
			diff = append(diff, fmt.Sprintf("/uni%04X", r))
		}
	}
	d.Diff = strings.Join(diff, " ")
	return json.Marshal(d)
}

// sign is -0.5/+0.5 rounding help.
func sign(v int) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// codeRune is the rune that code c stands for in encoding e (0: none).
func codeRune(e, c int) rune {
	switch {
	case c >= 32 && c < 127:
		return rune(c)
	case c >= 128:
		return encodings[e][c-128]
	}
	return 0
}

// charset is every rune the encodings can print.
func charset() []rune {
	var rs []rune
	for c := 32; c < 127; c++ {
		rs = append(rs, rune(c))
	}
	for _, enc := range encodings {
		for _, r := range enc {
			if r != 0 {
				rs = append(rs, r)
			}
		}
	}
	return rs
}

// winAnsiHigh is Windows-1252 from 128 to 255.
func winAnsiHigh() (t [128]rune) {
	copy(t[:32], []rune{0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
		0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
		0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178})
	for c := 160; c < 256; c++ {
		t[c-128] = rune(c)
	}
	return t
}

// cyrillicHigh is U+0400-U+045F then the symbols Russian documents use (₽, №, quotes, dashes).
func cyrillicHigh() (t [128]rune) {
	for i := 0; i < 96; i++ {
		t[i] = rune(0x400 + i)
	}
	copy(t[96:], []rune{0x20BD, 0x2116, 0xAB, 0xBB, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
		0x201E, 0x2026, 0x2022, 0x20AC, 0xB0, 0xA7, 0xA9, 0xAE, 0x2122, 0xB7, 0xB1, 0xD7, 0x2264,
		0x2265, 0x2030, 0x2212, 0xA0, 0x490, 0x491, 0x201A, 0x2039, 0x203A})
	return t
}

// latinExtAHigh is U+0100-U+017F (Ą Ć Ę Ł Ń Ś Ź Ż and other Central European
// letters) with 16 letters no en/ru/pl/sv text needs (ĸ ŉ Ŀ ŀ ſ Ŋ ŋ Ŧ ŧ Ħ ħ Ĳ ĳ Ĵ ĵ Ŝ)
// replaced by Ó ó and the punctuation Polish text uses, so it rarely switches fonts.
func latinExtAHigh() (t [128]rune) {
	extra := []rune{0xD3, 0xF3, 0x201E, 0x201D, 0x201C, 0x2018, 0x2019, 0x2013, 0x2014, 0xAB, 0xBB, 0xA7, 0x20AC, 0xB0, 0xA0, 0xD7}
	for i := range t {
		r := rune(0x100 + i)
		switch r {
		case 0x138, 0x149, 0x13F, 0x140, 0x17F, 0x14A, 0x14B, 0x166, 0x167, 0x126, 0x127, 0x132, 0x133, 0x134, 0x135, 0x15C:
			r, extra = extra[0], extra[1:]
		}
		t[i] = r
	}
	return t
}
