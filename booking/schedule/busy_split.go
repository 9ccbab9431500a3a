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
		clearLists(g, block, day.doctors, doctorAt, doctorBits)
		clearLists(g, block, day.chairs, chairAt, chairBits)
		for _, h := range day.holds {
			if h.lapses > r.now {
				clearOne(g, block, doctorAt, doctorBits, h.doctor, h.span)
				clearOne(g, block, chairAt, chairBits, h.chair, h.span)
			}
		}
	}
	di := indexByID(doctors)
	for _, row := range r.elsewhere {
		if i, ok := di[row.doctorID]; ok {
			clearBlocked(g, block, doctorBits[i], row.span)
		}
	}
}

// clearLists clears a day's stretches (lists by place) in the bits of their index.
func clearLists(g *startGrid, block int64, lists [][]span, at []int, bits []bitset) {
	for p, list := range lists {
		if i := at[p]; i >= 0 {
			for _, s := range list {
				clearBlocked(g, block, bits[i], s)
			}
		}
	}
}

// clearOne clears s in the bits of the index at place p, if p is one asked for.
func clearOne(g *startGrid, block int64, at []int, bits []bitset, p int32, s span) {
	if p >= 0 && at[p] >= 0 {
		clearBlocked(g, block, bits[at[p]], s)
	}
}

// clearBlocked clears the grid times s blocks: a start in (s.from-block, s.to)
// would overlap it. An empty stretch blocks nothing.
func clearBlocked(g *startGrid, block int64, b bitset, s span) {
	if !s.empty() {
		b.clear(g.index(s.from-block+1), g.index(s.to))
	}
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
