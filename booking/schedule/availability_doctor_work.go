package schedule

// doctorWindows is each doctor's (by index in doctors) working time at b over days
// as sorted, disjoint windows: what workWindows' pieces merge to, less the pinned
// chairs an answer does not look at. It builds in sc, kept from answer to answer:
// maps by id and a slice per doctor grown piece by piece were most of an answer's
// garbage after the busy stretches.
func doctorWindows(b branchTime, days []localDay, doctors []string, data workData, sc *windowScratch) [][]span {
	at := indexByID(doctors)
	sc.sortTemplates(b.id, at, data.templates)
	sc.layTemplates(days, data.templates)
	var off [][]span // time off is rare: made only when there is some
	for _, e := range data.exceptions {
		i, ok := at[e.DoctorID]
		switch {
		case !ok:
		case e.Kind == TimeOff:
			if off == nil {
				off = make([][]span, len(doctors))
			}
			off[i] = append(off[i], spanOf(e.Start, e.End))
		case schedDeref(e.BranchID) == b.id:
			sc.pieces = append(sc.pieces, doctorSpan{int32(i), spanOf(e.Start, e.End)})
		}
	}
	return sc.merge(len(doctors), openSpans(b, days, data.closed), off)
}

// windowScratch is what doctorWindows builds in.
type windowScratch struct {
	weekday [8][]doctorTemplate // by ISO weekday
	wall    []span
	pieces  []doctorSpan
	spans   []span // pieces by doctor
	windows []span // the answer, by doctor
}

// doctorTemplate is a template interval that counts (by its place in the answer's
// templates) and its doctor's index.
type doctorTemplate struct{ doctor, at int32 }

// doctorSpan is a piece of a doctor's (by index) working time.
type doctorSpan struct {
	doctor int32
	span
}

// sortTemplates files the templates of the doctors at worked at the branch by weekday,
// looking each doctor up once per answer rather than once a day.
func (sc *windowScratch) sortTemplates(branchID string, at map[string]int, templates []TemplateInterval) {
	for wd := range sc.weekday {
		sc.weekday[wd] = sc.weekday[wd][:0]
	}
	for k, t := range templates {
		if i, ok := at[t.DoctorID]; ok && t.BranchID == branchID && t.Weekday >= 1 && t.Weekday <= 7 {
			sc.weekday[t.Weekday] = append(sc.weekday[t.Weekday], doctorTemplate{int32(i), int32(k)})
		}
	}
}

// layTemplates lays the sorted templates on days, as pieces from scratch.
func (sc *windowScratch) layTemplates(days []localDay, templates []TemplateInterval) {
	sc.pieces = sc.pieces[:0]
	for _, d := range days {
		date := d.date.String()
		for _, k := range sc.weekday[d.date.isoWeekday()] {
			if t := &templates[k.at]; t.validOn(date) {
				sc.wall = d.wallSpans(int64(t.StartMinute)*60, int64(t.EndMinute)*60, sc.wall[:0])
				for _, s := range sc.wall {
					sc.pieces = append(sc.pieces, doctorSpan{k.doctor, s})
				}
			}
		}
	}
}

// merge sorts the pieces to their doctors and makes each doctor's windows: the
// pieces merged, inside open less the doctor's time off (off may be nil).
func (sc *windowScratch) merge(n int, open []span, off [][]span) [][]span {
	from := make([]int, n+1) // doctor i's pieces are spans[from[i]:from[i+1]]
	for _, p := range sc.pieces {
		from[p.doctor+1]++
	}
	for i := range n {
		from[i+1] += from[i]
	}
	sc.spans = append(sc.spans[:0], make([]span, len(sc.pieces))...)
	next := append([]int(nil), from[:n]...)
	for _, p := range sc.pieces {
		sc.spans[next[p.doctor]] = p.span
		next[p.doctor]++
	}
	out, windows := make([][]span, n), sc.windows[:0]
	for i := range out {
		allowed := open
		if off != nil && len(off[i]) > 0 {
			allowed = subtract(open, normalize(off[i]))
		}
		first := len(windows)
		windows = intersectTo(windows, normalize(sc.spans[from[i]:from[i+1]]), allowed)
		out[i] = windows[first:len(windows):len(windows)]
	}
	sc.windows = windows
	return out
}
