package schedule

// rangeBusy is what occupies doctors and chairs during one answer's range: the
// branch's cached days and travelling doctors' stretches elsewhere.
type rangeBusy struct {
	during    span
	now       int64 // Unix seconds: a hold lapsed by then occupies nothing
	branch    busyView
	elsewhere []busyRow
}

// split sorts the stretches touching the range to the doctors and chairs they
// occupy (by index). A day wholly inside the range is copied a doctor and a chair at
// a time; only the days at its edges are looked at stretch by stretch.
func (r rangeBusy) split(doctors, chairs []string) (byDoctor, byChair [][]span) {
	doctorAt, chairAt := placesIn(r.branch.ids, doctors), placesIn(r.branch.ids, chairs)
	byDoctor = r.sized(len(doctors), doctorAt, func(d busyDay) [][]span { return d.doctors })
	byChair = r.sized(len(chairs), chairAt, func(d busyDay) [][]span { return d.chairs })
	for i, day := range r.branch.days {
		start := (r.branch.first + int64(i)) * utcDay
		inside := start >= r.during.from && start+utcDay <= r.during.to
		r.file(byDoctor, day.doctors, doctorAt, inside)
		r.file(byChair, day.chairs, chairAt, inside)
		for _, h := range day.holds {
			if h.lapses > r.now && r.touches(h.span) {
				fileOne(byDoctor, doctorAt, h.doctor, h.span)
				fileOne(byChair, chairAt, h.chair, h.span)
			}
		}
	}
	di := indexByID(doctors)
	for _, row := range r.elsewhere {
		if i, ok := di[row.doctorID]; ok {
			byDoctor[i] = append(byDoctor[i], row.span)
		}
	}
	return byDoctor, byChair
}

// sized makes n empty lists with room for every stretch the days hold for each
// (lists picks the doctors' or the chairs'), in one array: growing them stretch by
// stretch was half the time of a big clinic's month.
func (r rangeBusy) sized(n int, at []int, lists func(busyDay) [][]span) [][]span {
	room := make([]int, n)
	for _, day := range r.branch.days {
		for p, list := range lists(day) {
			if i := at[p]; i >= 0 {
				room[i] += len(list)
			}
		}
	}
	total := 0
	for _, k := range room {
		total += k
	}
	all, out := make([]span, total), make([][]span, n)
	for i, k := range room {
		out[i], all = all[:0:k], all[k:] // a hold or a stretch elsewhere grows its own list
	}
	return out
}

// file appends a day's lists (by place) to out (by index).
func (r rangeBusy) file(out [][]span, lists [][]span, at []int, inside bool) {
	for p, list := range lists {
		i := at[p]
		if i < 0 {
			continue
		}
		if inside {
			out[i] = append(out[i], list...)
			continue
		}
		for _, s := range list {
			if r.touches(s) {
				out[i] = append(out[i], s)
			}
		}
	}
}

// touches tells whether s shares an instant with the range.
func (r rangeBusy) touches(s span) bool { return s.from < r.during.to && s.to > r.during.from }

// fileOne appends s to the list of the index at place p, if p is one asked for.
func fileOne(out [][]span, at []int, p int32, s span) {
	if p >= 0 && at[p] >= 0 {
		out[at[p]] = append(out[at[p]], s)
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
