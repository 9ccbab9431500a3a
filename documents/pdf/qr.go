package pdf

import "errors"

// A small QR Code encoder (ISO/IEC 18004): byte mode, error correction level M,
// versions 1-6 (up to 106 bytes), enough for "<document id>:<page>".

// qrVersion is the block structure of one version at level M.
type qrVersion struct {
	dataCW  int // data codewords in all blocks
	blocks  int // number of equal-size blocks
	ecPer   int // error correction codewords per block
	align   int // alignment pattern centre (0: none)
	remBits int
}

// qrVersions at level M, index = version-1.
var qrVersions = []qrVersion{
	{16, 1, 10, 0, 0}, {28, 1, 16, 18, 7}, {44, 1, 26, 22, 7},
	{64, 2, 18, 26, 7}, {86, 2, 24, 30, 7}, {108, 4, 16, 34, 7},
}

// errQRTooLong is returned for data beyond version 6-M.
var errQRTooLong = errors.New("pdf: QR data longer than 106 bytes")

// qrCode is a square of modules, true = dark, indexed [row][column].
type qrCode struct {
	size    int
	mod     [][]bool
	isFunc  [][]bool
	fnRows  []uint64 // isFunc packed by row (bit x = column x)
	version int
}

// encodeQR builds the smallest code holding data.
func encodeQR(data []byte) (*qrCode, error) {
	v := 0
	for v < len(qrVersions) && (qrVersions[v].dataCW*8-12)/8 < len(data) {
		v++
	}
	if v == len(qrVersions) {
		return nil, errQRTooLong
	}
	q := qrBlanks[v].clone()
	q.drawCodewords(interleave(qrVersions[v], dataCodewords(data, qrVersions[v].dataCW)))
	q.applyBestMask()
	return q, nil
}

// newQR allocates an empty code of a version.
func newQR(version int) *qrCode {
	n := 17 + 4*version
	q := &qrCode{size: n, version: version, mod: make([][]bool, n), isFunc: make([][]bool, n)}
	for i := range q.mod {
		q.mod[i], q.isFunc[i] = make([]bool, n), make([]bool, n)
	}
	return q
}

// qrBlanks are each version's function patterns, drawn once; codes clone them.
var qrBlanks = func() (t [6]*qrCode) {
	for v := range t {
		t[v] = newQR(v + 1)
		t[v].drawFunctionPatterns()
		t[v].fnRows = make([]uint64, t[v].size)
		for y, row := range t[v].isFunc {
			for x, f := range row {
				if f {
					t[v].fnRows[y] |= 1 << x
				}
			}
		}
	}
	return t
}()

// clone copies the modules; the function-module map is shared (read only).
func (q *qrCode) clone() *qrCode {
	n := q.size
	c := &qrCode{size: n, version: q.version, mod: make([][]bool, n), isFunc: q.isFunc, fnRows: q.fnRows}
	flat := make([]bool, n*n)
	for y := range c.mod {
		c.mod[y] = flat[y*n : (y+1)*n : (y+1)*n]
		copy(c.mod[y], q.mod[y])
	}
	return c
}

// set places a function module at column x, row y.
func (q *qrCode) set(x, y int, dark bool) {
	q.mod[y][x], q.isFunc[y][x] = dark, true
}

// drawFunctionPatterns draws finders, separators, timing, alignment and reserves format areas.
func (q *qrCode) drawFunctionPatterns() {
	n := q.size
	for i := 0; i < n; i++ {
		q.set(6, i, i%2 == 0)
		q.set(i, 6, i%2 == 0)
	}
	q.finder(3, 3)
	q.finder(n-4, 3)
	q.finder(3, n-4)
	if a := qrVersions[q.version-1].align; a > 0 {
		for dy := -2; dy <= 2; dy++ {
			for dx := -2; dx <= 2; dx++ {
				q.set(a+dx, a+dy, max(abs(dx), abs(dy)) != 1)
			}
		}
	}
	placeFormat(q.size, 0, q.set) // reserves the area; the real bits come with the mask
}

// finder draws a finder pattern with its separator around centre (cx, cy).
func (q *qrCode) finder(cx, cy int) {
	for dy := -4; dy <= 4; dy++ {
		for dx := -4; dx <= 4; dx++ {
			x, y := cx+dx, cy+dy
			if x >= 0 && x < q.size && y >= 0 && y < q.size {
				d := max(abs(dx), abs(dy))
				q.set(x, y, d != 2 && d != 4)
			}
		}
	}
}

// abs is |v|.
func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// drawFormat writes both copies of the format bits (level M, mask) and the dark module.
func (q *qrCode) drawFormat(mask int) {
	placeFormat(q.size, mask, func(x, y int, dark bool) { q.mod[y][x] = dark })
}

// placeFormat calls set for every format module of a size-n code with its
// value for the mask (level M), and for the always-dark module.
func placeFormat(n, mask int, set func(x, y int, dark bool)) {
	data := mask // level M is 00
	rem := data
	for i := 0; i < 10; i++ {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return bits>>i&1 != 0 }
	for i := 0; i <= 5; i++ {
		set(8, i, bit(i))
	}
	set(8, 7, bit(6))
	set(8, 8, bit(7))
	set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		set(14-i, 8, bit(i))
	}
	for i := 0; i < 8; i++ {
		set(n-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		set(8, n-15+i, bit(i))
	}
	set(8, n-8, true)
}

// dataCodewords packs byte-mode segment, terminator and padding into capacity codewords.
func dataCodewords(data []byte, capacity int) []byte {
	var bits []bool
	put := func(v, n int) {
		for i := n - 1; i >= 0; i-- {
			bits = append(bits, v>>i&1 != 0)
		}
	}
	put(4, 4)
	put(len(data), 8)
	for _, b := range data {
		put(int(b), 8)
	}
	put(0, min(4, capacity*8-len(bits)))
	put(0, (8-len(bits)%8)%8)
	out := make([]byte, 0, capacity)
	for i := 0; i < len(bits); i += 8 {
		var b byte
		for j := 0; j < 8; j++ {
			if bits[i+j] {
				b |= 0x80 >> j
			}
		}
		out = append(out, b)
	}
	for pad := byte(0xEC); len(out) < capacity; pad ^= 0xEC ^ 0x11 {
		out = append(out, pad)
	}
	return out
}

// interleave splits data into blocks, appends each block's Reed-Solomon code
// and interleaves data then error correction codewords.
func interleave(v qrVersion, data []byte) []byte {
	per := v.dataCW / v.blocks
	div := rsDivisors[v.ecPer]
	blocks, ecs := make([][]byte, v.blocks), make([][]byte, v.blocks)
	for b := range blocks {
		blocks[b] = data[b*per : (b+1)*per]
		ecs[b] = rsRemainder(blocks[b], div)
	}
	out := make([]byte, 0, v.dataCW+v.blocks*v.ecPer)
	for i := 0; i < per; i++ {
		for b := range blocks {
			out = append(out, blocks[b][i])
		}
	}
	for i := 0; i < v.ecPer; i++ {
		for b := range ecs {
			out = append(out, ecs[b][i])
		}
	}
	return out
}

// gfExp and gfLog are powers and logarithms of 2 in GF(256) modulo
// x^8+x^4+x^3+x^2+1 (gfExp doubled so products need no modulo).
var gfExp, gfLog = func() (e [512]byte, l [256]byte) {
	x := 1
	for i := 0; i < 255; i++ {
		e[i], e[i+255] = byte(x), byte(x)
		l[x] = byte(i)
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11D
		}
	}
	return e, l
}()

// gfMul multiplies in GF(256).
func gfMul(x, y byte) byte {
	if x == 0 || y == 0 {
		return 0
	}
	return gfExp[int(gfLog[x])+int(gfLog[y])]
}

// rsDivisors are the generator polynomials the versions use, by degree.
var rsDivisors = func() map[int][]byte {
	m := map[int][]byte{}
	for _, v := range qrVersions {
		m[v.ecPer] = rsDivisor(v.ecPer)
	}
	return m
}()

// rsDivisor is the generator polynomial of a degree (leading 1 omitted).
func rsDivisor(degree int) []byte {
	r := make([]byte, degree)
	r[degree-1] = 1
	root := byte(1)
	for i := 0; i < degree; i++ {
		for j := range r {
			r[j] = gfMul(r[j], root)
			if j+1 < len(r) {
				r[j] ^= r[j+1]
			}
		}
		root = gfMul(root, 2)
	}
	return r
}

// rsRemainder is the error correction code of data.
func rsRemainder(data, div []byte) []byte {
	r := make([]byte, len(div))
	for _, b := range data {
		f := b ^ r[0]
		copy(r, r[1:])
		r[len(r)-1] = 0
		for i := range r {
			r[i] ^= gfMul(div[i], f)
		}
	}
	return r
}

// drawCodewords fills the data area in the standard zigzag.
func (q *qrCode) drawCodewords(cw []byte) {
	i, n := 0, q.size
	for right := n - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for vert := 0; vert < n; vert++ {
			for j := 0; j < 2; j++ {
				x, y := right-j, vert
				if (right+1)&2 == 0 {
					y = n - 1 - vert
				}
				if !q.isFunc[y][x] && i < len(cw)*8 {
					q.mod[y][x] = cw[i>>3]>>(7-i&7)&1 != 0
					i++
				}
			}
		}
	}
}
