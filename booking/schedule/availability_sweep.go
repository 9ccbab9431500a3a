package schedule

import (
	"context"
	"time"
)

// slots answers n local days from first: each day's grid times at which some doctor
// may start the visit.
func (s *Service) slots(ctx context.Context, req request, first civil, n int) ([]Day, error) {
	days, out, starts, open := emptyDays(req, first, n)
	if !open {
		return out, nil
	}
	sc := gridScratchPool.Get().(*gridScratch)
	defer gridScratchPool.Put(sc)
	sc.grid.fill(days[1:n+1], int64(req.rules.Step/time.Second), starts)
	free, err := s.freeStarts(ctx, req, days, starts, sc)
	if err != nil {
		return nil, err
	}
	fillDays(out, &sc.grid, free, req)
	return out, nil
}

// emptyDays are n local days from first with a day on each side (visits cross
// midnight, and an extra shift may begin the day before), the answer's days without
// slots yet, and the instants a visit may start at; open is false when nobody can
// start at all.
func emptyDays(req request, first civil, n int) (days []localDay, out []Day, starts span, open bool) {
	days = localDays(first.add(-1), n+2, req.bt.loc)
	out = make([]Day, n)
	for i := range out {
		out[i] = Day{Date: days[i+1].date.String(), Slots: []Slot{}}
	}
	within := intersect([]span{{days[1].bounds().from, days[n].bounds().to}}, []span{req.allowed})
	if len(within) == 0 || len(req.doctors) == 0 || len(req.chairs) == 0 {
		return days, out, span{}, false
	}
	return days, out, within[0], true
}

// doctorIDs are the ids of the answer's doctors, in order.
func doctorIDs(req request) []string {
	ids := make([]string, len(req.doctors))
	for i, d := range req.doctors {
		ids[i] = d.ID
	}
	return ids
}

// freeStarts is, for each doctor, the grid times (bits of sc's grid) at which they
// work for the whole visit, they are free for the visit and buffer, and so is some
// fitting chair.
func (s *Service) freeStarts(ctx context.Context, req request, days []localDay, starts span, sc *gridScratch) ([]bitset, error) {
	ids := doctorIDs(req)
	data, busy, err := s.loadRange(ctx, req, ids, days, starts)
	if err != nil {
		return nil, err
	}
	g := &sc.grid
	sets := sc.bitsets(len(ids) + len(req.chairs) + 1)
	doctors, chairs, anyChair := sets[:len(ids)], sets[len(ids):len(sets)-1], sets[len(sets)-1]
	markWork(g, doctors, doctorWindows(req.bt, days, ids, data, &sc.work), req.length)
	for _, c := range chairs {
		c.set(0, len(g.at))
	}
	busy.clear(g, req.block, ids, req.chairs, doctors, chairs)
	for _, c := range chairs {
		anyChair.or(c)
	}
	for _, d := range doctors {
		d.and(anyChair)
	}
	return doctors, nil
}

// markWork sets, in each doctor's bits, the grid times from which a visit of length
// seconds fits inside one of their working windows.
func markWork(g *startGrid, doctors []bitset, windows [][]span, length int64) {
	for i, ws := range windows {
		for _, w := range ws {
			doctors[i].set(g.index(w.from), g.index(w.to-length+1))
		}
	}
}

// loadRange reads exceptions, closures and busy stretches at once (see together).
func (s *Service) loadRange(ctx context.Context, req request, ids []string, days []localDay, starts span) (workData, rangeBusy, error) {
	data := workData{templates: req.templates}
	var travelling []string
	for _, d := range req.doctors {
		if d.Branches > 1 {
			travelling = append(travelling, d.ID)
		}
	}
	around := span{starts.from - daySeconds, starts.to + req.block + daySeconds}
	busy := rangeBusy{during: span{starts.from, starts.to + req.block}, now: req.now.Unix()}
	err := s.together(
		func() (err error) {
			data.exceptions, err = s.exceptionsDuring(ctx, req.versions.schedule, req.now, ids, around)
			return err
		},
		func() (err error) {
			data.closed, err = s.closedDuring(ctx, req.versions.schedule, req.now, req.bt, days[0].date, days[len(days)-1].date)
			return err
		},
		func() (err error) {
			busy.branch, busy.elsewhere, err = s.store.busy(ctx, req.bt.id, travelling, busy.during, req.now, req.versions)
			return err
		},
	)
	return data, busy, err
}

func indexByID(ids []string) map[string]int {
	m := make(map[string]int, len(ids))
	for i, id := range ids {
		m[id] = i
	}
	return m
}

// fillDays lists each day's grid times at which some doctor is free, and who: the
// slots of all days share one array, and so do their doctor lists, each sized by
// counting bits first.
func fillDays(out []Day, g *startGrid, free []bitset, req request) {
	anyone, ids := make(bitset, len(free[0])), 0
	for _, f := range free {
		anyone.or(f)
		ids += f.count()
	}
	slots, doctors := make([]Slot, 0, anyone.count()), make([]string, 0, ids)
	for d := range out {
		first := len(slots)
		for j := g.dayAt[d]; j < g.dayAt[d+1]; j++ {
			if anyone.has(j) {
				slots, doctors = appendSlot(slots, doctors, g.at[j], j, free, req)
			}
		}
		out[d].Slots = slots[first:len(slots):len(slots)]
	}
}

// appendSlot appends the slot at instant t (grid time j) and its doctors, those
// whose bit j is on, to the answer's arrays.
func appendSlot(slots []Slot, doctors []string, t int64, j int, free []bitset, req request) ([]Slot, []string) {
	from := len(doctors)
	for i, f := range free {
		if f.has(j) {
			doctors = append(doctors, req.doctors[i].ID)
		}
	}
	return append(slots, Slot{Start: time.Unix(t, 0).In(req.bt.loc), End: time.Unix(t+req.length, 0).In(req.bt.loc),
		Doctors: doctors[from:len(doctors):len(doctors)]}), doctors
}
