package schedule

import (
	"context"
	"time"
)

// slots answers n local days from first: each day's grid times at which some doctor
// may start the visit.
func (s *Service) slots(ctx context.Context, req request, first civil, n int) ([]Day, error) {
	// A day on each side: visits cross midnight, and an extra shift may begin the day before.
	days := localDays(first.add(-1), n+2, req.bt.loc)
	out := make([]Day, n)
	for i := range out {
		out[i] = Day{Date: days[i+1].date.String(), Slots: []Slot{}}
	}
	starts := intersect([]span{{days[1].bounds().from, days[n].bounds().to}}, []span{req.allowed})
	if len(starts) == 0 || len(req.doctors) == 0 || len(req.chairs) == 0 {
		return out, nil
	}
	free, err := s.freeStarts(ctx, req, days, starts[0])
	if err != nil {
		return nil, err
	}
	cursor, grid := make([]int, len(free)), []int64(nil)
	for i := range out {
		out[i].Slots, grid = fillDay(days[i+1], req, free, cursor, starts[0], grid)
	}
	return out, nil
}

// freeStarts is, for each doctor, the starts (within starts) at which they work for
// the whole visit, they are free for the visit and buffer, and so is some fitting chair.
func (s *Service) freeStarts(ctx context.Context, req request, days []localDay, starts span) ([][]span, error) {
	ids := make([]string, len(req.doctors))
	for i, d := range req.doctors {
		ids[i] = d.ID
	}
	data, busy, err := s.loadRange(ctx, req, ids, days, starts)
	if err != nil {
		return nil, err
	}
	work := workWindows(req.bt, days, ids, data)
	byDoctor, byChair := busy.split(ids, req.chairs)
	chairFree := chairStarts(byChair, starts, req.block)
	out := make([][]span, len(ids))
	for i, id := range ids {
		ok := startsWithin(mergePieces(work[id]), req.length)
		ok = subtract(ok, startsBlockedBy(normalize(byDoctor[i]), req.block))
		out[i] = intersect(intersect(ok, chairFree), []span{starts})
	}
	return out, nil
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

// chairStarts is the starts at which at least one chair is free for the whole block.
func chairStarts(byChair [][]span, starts span, block int64) []span {
	var all []span
	for _, busy := range byChair {
		all = append(all, subtract([]span{starts}, startsBlockedBy(normalize(busy), block))...)
	}
	return normalize(all)
}

// fillDay lists the day's grid times and the doctors free at each. cursor keeps each
// doctor's place in free across days, so the whole range is one sweep; grid is a
// buffer reused from day to day.
func fillDay(d localDay, req request, free [][]span, cursor []int, starts span, grid []int64) ([]Slot, []int64) {
	grid = d.grid(int64(req.rules.Step/time.Second), grid[:0])
	out := []Slot{}
	var ids []string // one backing array for the day's doctor lists
	for _, g := range grid {
		if g < starts.from || g >= starts.to {
			continue
		}
		first := len(ids)
		for i, f := range free {
			for cursor[i] < len(f) && f[cursor[i]].to <= g {
				cursor[i]++
			}
			if cursor[i] < len(f) && f[cursor[i]].from <= g {
				ids = append(ids, req.doctors[i].ID)
			}
		}
		if len(ids) > first {
			out = append(out, Slot{Start: time.Unix(g, 0).In(req.bt.loc), End: time.Unix(g+req.length, 0).In(req.bt.loc),
				Doctors: ids[first:len(ids):len(ids)]})
		}
	}
	return out, grid
}
