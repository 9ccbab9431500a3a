package pdf

// penalty scores the masked code by the standard's four rules (lower is better).
func (q *qrCode) penalty() int {
	n, score, dark := q.size, 0, 0
	for i := 0; i < n; i++ {
		score += q.linePenalty(func(j int) bool { return q.mod[i][j] })
		score += q.linePenalty(func(j int) bool { return q.mod[j][i] })
	}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if q.mod[y][x] {
				dark++
			}
			if x+1 < n && y+1 < n {
				c := q.mod[y][x]
				if c == q.mod[y][x+1] && c == q.mod[y+1][x] && c == q.mod[y+1][x+1] {
					score += 3
				}
			}
		}
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return score + k*10
}

// finderLike are the 1:1:3:1:1 patterns with four light modules on one side.
var finderLike = [2][11]bool{
	{true, false, true, true, true, false, true, false, false, false, false},
	{false, false, false, false, true, false, true, true, true, false, true},
}

// linePenalty scores one row or column: runs of five or more (rule 1) and finder-like patterns (rule 3).
func (q *qrCode) linePenalty(at func(int) bool) int {
	n, score, run := q.size, 0, 1
	for j := 1; j <= n; j++ {
		if j < n && at(j) == at(j-1) {
			run++
			continue
		}
		if run >= 5 {
			score += 3 + run - 5
		}
		run = 1
	}
	for j := 0; j+11 <= n; j++ {
		for _, p := range finderLike {
			match := true
			for k := 0; k < 11 && match; k++ {
				match = at(j+k) == p[k]
			}
			if match {
				score += 40
			}
		}
	}
	return score
}
