package schedule

// rangeBusy is what occupies doctors and chairs during one answer's range: the
// branch's cached days and travelling doctors' stretches elsewhere.
type rangeBusy struct {
	during    span
	now       int64 // Unix seconds: a hold lapsed by then occupies nothing
	branch    busyView
	elsewhere []busyRow
}

// clear turns off, in each doctor's and chair's bits (by index in doctors and
// chairs), the grid times at which a visit with its buffer (block seconds) would
// overlap one of their stretches. The cached days are read in place: a stretch
// outside the range falls outside the grid and clears nothing, so none is filtered,
// copied or sorted.
func (r rangeBusy) clear(g *startGrid, block int64, doctors, chairs []string, doctorBits, chairBits []bitset) {
	doctorAt, chairAt := placesIn(r.branch.ids, doctors), placesIn(r.branch.ids, chairs)
	for _, day := range r.branch.days {
		for _, v := range day.visits {
			clearStretch(g, block, v, doctorAt, chairAt, doctorBits, chairBits)
		}
		for _, h := range day.holds {
			if h.lapses > r.now {
				clearStretch(g, block, h, doctorAt, chairAt, doctorBits, chairBits)
			}
		}
	}
	di := indexByID(doctors)
	for _, row := range r.elsewhere {
		if i, ok := di[row.doctorID]; ok {
			lo, hi := blockedTimes(g, block, row.span)
			doctorBits[i].clear(lo, hi)
		}
	}
}

// clearStretch clears the grid times s blocks in its doctor's and its chair's bits,
// those of them asked for (at maps a place to an index, or -1).
func clearStretch(g *startGrid, block int64, s busyStretch, doctorAt, chairAt []int, doctorBits, chairBits []bitset) {
	d, c := doctorAt[s.doctor], -1
	if s.chair >= 0 {
		c = chairAt[s.chair]
	}
	if d < 0 && c < 0 {
		return
	}
	lo, hi := blockedTimes(g, block, s.span)
	if d >= 0 {
		doctorBits[d].clear(lo, hi)
	}
	if c >= 0 {
		chairBits[c].clear(lo, hi)
	}
}

// blockedTimes are the places of the grid times s blocks, lo to hi-1: a start in
// (s.from-block, s.to) would overlap it. An empty stretch blocks nothing.
func blockedTimes(g *startGrid, block int64, s span) (lo, hi int) {
	if s.empty() {
		return 0, 0
	}
	return g.index(s.from - block + 1), g.index(s.to)
}

// placesIn maps each place in ids to the index of the same id in want, or -1.
func placesIn(ids, want []string) []int {
	at := indexByID(want)
	out := make([]int, len(ids))
	for p, id := range ids {
		out[p] = -1
		if i, ok := at[id]; ok {
			out[p] = i
		}
	}
	return out
}
