package pdf

import "math/bits"

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
