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
// occupy (by index).
func (r rangeBusy) split(doctors, chairs []string) (byDoctor, byChair [][]span) {
	byDoctor, byChair = make([][]span, len(doctors)), make([][]span, len(chairs))
	doctorAt, chairAt := placesIn(r.branch.ids, doctors), placesIn(r.branch.ids, chairs)
	for _, day := range r.branch.days {
		for _, st := range day {
			if st.from >= r.during.to || st.to <= r.during.from || st.lapses <= r.now {
				continue
			}
			if i := doctorAt[st.doctor]; i >= 0 {
				byDoctor[i] = append(byDoctor[i], st.span)
			}
			if st.chair >= 0 {
				if i := chairAt[st.chair]; i >= 0 {
					byChair[i] = append(byChair[i], st.span)
				}
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
