package schedule

import (
	"context"
	"slices"
	"time"
)

// The sweep as it was before the answers were cut down to grid times (spans of
// instants, then each grid time looked up in them): kept as the reference the faster
// one must agree with, answer for answer.

// refAvailability is Availability through the reference sweep.
func (s *Service) refAvailability(ctx context.Context, q Query) (Result, error) {
	return s.answer(ctx, q, s.refSlots)
}

func (s *Service) refSlots(ctx context.Context, req request, first civil, n int) ([]Day, error) {
	days, out, starts, open := emptyDays(req, first, n)
	if !open {
		return out, nil
	}
	free, err := s.refFreeStarts(ctx, req, days, starts)
	if err != nil {
		return nil, err
	}
	cursor, grid := make([]int, len(free)), []int64(nil)
	for i := range out {
		out[i].Slots, grid = refFillDay(days[i+1], req, free, cursor, starts, grid)
	}
	return out, nil
}

func (s *Service) refFreeStarts(ctx context.Context, req request, days []localDay, starts span) ([][]span, error) {
	ids := doctorIDs(req)
	data, busy, err := s.loadRange(ctx, req, ids, days, starts)
	if err != nil {
		return nil, err
	}
	work := workWindows(req.bt, days, ids, data)
	byDoctor, byChair := busy.refSplit(ids, req.chairs)
	var chairFree []span
	for _, b := range byChair {
		chairFree = append(chairFree, subtract([]span{starts}, startsBlockedBy(normalize(b), req.block))...)
	}
	chairFree = normalize(chairFree)
	out := make([][]span, len(ids))
	for i, id := range ids {
		ok := startsWithin(mergePieces(work[id]), req.length)
		ok = subtract(ok, startsBlockedBy(normalize(byDoctor[i]), req.block))
		out[i] = intersect(intersect(ok, chairFree), []span{starts})
	}
	return out, nil
}

func refFillDay(d localDay, req request, free [][]span, cursor []int, starts span, grid []int64) ([]Slot, []int64) {
	grid = d.grid(int64(req.rules.Step/time.Second), grid[:0])
	out := []Slot{}
	for _, g := range grid {
		if g < starts.from || g >= starts.to {
			continue
		}
		var ids []string
		for i, f := range free {
			for cursor[i] < len(f) && f[cursor[i]].to <= g {
				cursor[i]++
			}
			if cursor[i] < len(f) && f[cursor[i]].from <= g {
				ids = append(ids, req.doctors[i].ID)
			}
		}
		if len(ids) > 0 {
			out = append(out, Slot{Start: time.Unix(g, 0).In(req.bt.loc), End: time.Unix(g+req.length, 0).In(req.bt.loc), Doctors: ids})
		}
	}
	return out, grid
}

// refSplit sorts every stretch touching the range to the doctors and chairs it
// occupies, one at a time.
func (r rangeBusy) refSplit(doctors, chairs []string) (byDoctor, byChair [][]span) {
	byDoctor, byChair = make([][]span, len(doctors)), make([][]span, len(chairs))
	where := func(ids []string, p int32) int {
		if p < 0 {
			return -1
		}
		return slices.Index(ids, r.branch.ids[p])
	}
	add := func(out [][]span, ids []string, p int32, s span) {
		if i := where(ids, p); i >= 0 && s.from < r.during.to && s.to > r.during.from {
			out[i] = append(out[i], s)
		}
	}
	for _, day := range r.branch.days {
		for _, v := range day.visits {
			add(byDoctor, doctors, v.doctor, v.span)
			add(byChair, chairs, v.chair, v.span)
		}
		for _, h := range day.holds {
			if h.lapses > r.now {
				add(byDoctor, doctors, h.doctor, h.span)
				add(byChair, chairs, h.chair, h.span)
			}
		}
	}
	for _, row := range r.elsewhere {
		if i := slices.Index(doctors, row.doctorID); i >= 0 {
			byDoctor[i] = append(byDoctor[i], row.span)
		}
	}
	return byDoctor, byChair
}

// startsWithin is the starts s for which [s, s+length) fits inside a window of
// windows (normalized): a working window of length w holds w-length+1 start seconds.
func startsWithin(windows []span, length int64) []span {
	var out []span
	for _, w := range windows {
		if last := w.to - length; last >= w.from {
			out = append(out, span{w.from, last + 1})
		}
	}
	return out
}

// startsBlockedBy is the starts s for which [s, s+length) would overlap one of busy
// (normalized): those in (b.from-length, b.to).
func startsBlockedBy(busy []span, length int64) []span {
	out := make([]span, len(busy))
	for i, b := range busy {
		out[i] = span{b.from - length + 1, b.to}
	}
	return normalize(out)
}
