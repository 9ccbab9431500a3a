package pdf

import "math/bits"

// maskBit reports whether mask m flips the module at column x, row y.
func maskBit(m, x, y int) bool {
	switch m {
	case 0:
		return (x+y)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (x+y)%3 == 0
	case 4:
		return (x/3+y/2)%2 == 0
	case 5:
		return x*y%2+x*y%3 == 0
	case 6:
		return (x*y%2+x*y%3)%2 == 0
	}
	return ((x+y)%2+x*y%3)%2 == 0
}

// applyMask flips the data modules under mask m (applying it twice undoes it).
func (q *qrCode) applyMask(m int) {
	for y := 0; y < q.size; y++ {
		for x := 0; x < q.size; x++ {
			if !q.isFunc[y][x] && maskBit(m, x, y) {
				q.mod[y][x] = !q.mod[y][x]
			}
		}
	}
}

// maskRows[version-1][mask][row] has bit x set where the mask flips column x.
var maskRows = func() (t [6][8][]uint64) {
	for v := range t {
		n := 21 + 4*v
		for m := range t[v] {
			t[v][m] = make([]uint64, n)
			for y := 0; y < n; y++ {
				for x := 0; x < n; x++ {
					if maskBit(m, x, y) {
						t[v][m][y] |= 1 << x
					}
				}
			}
		}
	}
	return t
}()

// applyBestMask tries the eight masks on bit-packed rows and applies the one
// with the lowest penalty.
func (q *qrCode) applyBestMask() {
	n := q.size
	data, fn := make([]uint64, n), q.fnRows
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if q.mod[y][x] {
				data[y] |= 1 << x
			}
		}
	}
	rows, cols := make([]uint64, n), make([]uint64, n)
	best, bestScore := 0, -1
	for m := 0; m < 8; m++ {
		for y := range rows {
			rows[y] = data[y] ^ maskRows[q.version-1][m][y]&^fn[y]
		}
		placeFormat(n, m, func(x, y int, dark bool) {
			rows[y] &^= 1 << x
			if dark {
				rows[y] |= 1 << x
			}
		})
		if s := penalty(rows, cols, n); bestScore < 0 || s < bestScore {
			best, bestScore = m, s
		}
	}
	q.applyMask(best)
	q.drawFormat(best)
}

// penalty scores a masked code by the standard's four rules (lower is
// better); rows hold the modules as bit masks (bit x = column x), cols is
// scratch space for the transposed columns.
func penalty(rows, cols []uint64, n int) int {
	for x := range cols {
		cols[x] = 0
	}
	for y, r := range rows {
		for ; r != 0; r &= r - 1 {
			cols[bits.TrailingZeros64(r)] |= 1 << y
		}
	}
	score, dark := 0, 0
	full := uint64(1)<<n - 1
	for i := 0; i < n; i++ {
		score += linePenalty(rows[i], n) + linePenalty(cols[i], n)
		dark += bits.OnesCount64(rows[i])
		if i+1 < n { // rule 2: 2x2 blocks of one colour
			a, b := rows[i], rows[i+1]
			eq := ^(a ^ b)
			same := eq & (eq >> 1) & ^(a ^ (a >> 1)) & (full >> 1)
			score += 3 * bits.OnesCount64(same)
		}
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return score + k*10
}

// finderLike are the 1:1:3:1:1 patterns with four light modules on one side (bit k = module k).
var finderLike = [2]uint64{0b00001011101, 0b10111010000}

// linePenalty scores one row or column: runs of five or more (rule 1) and finder-like patterns (rule 3).
func linePenalty(line uint64, n int) int {
	score, prev := 0, -1
	ends := (line ^ line>>1) & (uint64(1)<<(n-1) - 1) // bit j: module j differs from j+1
	ends |= 1 << (n - 1)
	for ; ends != 0; ends &= ends - 1 {
		j := bits.TrailingZeros64(ends)
		if run := j - prev; run >= 5 {
			score += run - 2
		}
		prev = j
	}
	for j := 0; j+11 <= n; j++ {
		w := line >> j & 0x7FF
		if w == finderLike[0] || w == finderLike[1] {
			score += 40
		}
	}
	return score
}
