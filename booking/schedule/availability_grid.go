package schedule

import (
	"math/bits"
	"sync"
)

// startGrid is an answer's grid times: the instants of its days whose wall time is a
// whole number of steps after local midnight, within the allowed starts, in order.
// Who is free is a bit per grid time (see bitset), so a working window or a busy
// stretch costs two look-ups and a run of bits, in any order: nothing is sorted,
// merged or copied per answer, which was most of its time and nearly all its garbage.
type startGrid struct {
	at    []int64 // the instants
	dayAt []int   // where each day's times begin in at, and len(at) last
	base  int64   // the first instant looked up
	// first[k] is the place in at of the first time at or after base + k<<shift, so
	// that index needs no search: a bucket of 1<<shift seconds is at most a step, and
	// a shift rather than a division is what a busy clinic's month of look-ups costs.
	first []int32
	shift uint
}

// fill lays the grid of days (each day's times within starts) into g, reusing its
// slices.
func (g *startGrid) fill(days []localDay, step int64, starts span) {
	g.at, g.dayAt, g.base, g.shift = g.at[:0], g.dayAt[:0], starts.from, uint(bits.Len64(uint64(step))-1)
	for _, d := range days {
		g.dayAt = append(g.dayAt, len(g.at))
		from := len(g.at)
		g.at = d.grid(step, g.at)
		kept := from
		for _, t := range g.at[from:] {
			if t >= starts.from && t < starts.to {
				g.at[kept] = t
				kept++
			}
		}
		g.at = g.at[:kept]
	}
	g.dayAt = append(g.dayAt, len(g.at))
	g.first = g.first[:0]
	if len(g.at) == 0 {
		return
	}
	for k, i := int64(0), 0; k <= (g.at[len(g.at)-1]-g.base)>>g.shift; k++ {
		for i < len(g.at) && g.at[i] < g.base+k<<g.shift {
			i++
		}
		g.first = append(g.first, int32(i))
	}
}

// index is the place of the first grid time at or after t (len(at) if none).
func (g *startGrid) index(t int64) int {
	if t <= g.base {
		return 0
	}
	k := (t - g.base) >> g.shift
	if k >= int64(len(g.first)) {
		return len(g.at)
	}
	i := int(g.first[k])
	for i < len(g.at) && g.at[i] < t {
		i++
	}
	return i
}

// bitset holds a bit per grid time.
type bitset []uint64

// set turns on the bits lo to hi-1.
func (b bitset) set(lo, hi int) {
	if lo >= hi {
		return
	}
	first, last, head, tail := words(lo, hi)
	if first == last {
		b[first] |= head & tail
		return
	}
	b[first] |= head
	for k := first + 1; k < last; k++ {
		b[k] = ^uint64(0)
	}
	b[last] |= tail
}

// words are the first and last words holding the bits lo to hi-1 (lo < hi), with
// the masks of those bits in each.
func words(lo, hi int) (first, last int, head, tail uint64) {
	return lo / 64, (hi - 1) / 64, ^uint64(0) << (lo % 64), ^uint64(0) >> (63 - (hi-1)%64)
}

// clear turns off the bits lo to hi-1.
func (b bitset) clear(lo, hi int) {
	if lo >= hi {
		return
	}
	first, last, head, tail := words(lo, hi)
	if first == last {
		b[first] &^= head & tail
		return
	}
	b[first] &^= head
	for k := first + 1; k < last; k++ {
		b[k] = 0
	}
	b[last] &^= tail
}

// or turns on the bits on in o (of the same length).
func (b bitset) or(o bitset) {
	for k, w := range o {
		b[k] |= w
	}
}

// and turns off the bits off in o (of the same length).
func (b bitset) and(o bitset) {
	for k, w := range o {
		b[k] &= w
	}
}

func (b bitset) has(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// gridScratch is one answer's grid and bits, kept for the next answer: a big
// clinic's month is a few thousand grid times and a bitset per doctor and chair.
type gridScratch struct {
	grid  startGrid
	words []uint64
	work  windowScratch
}

var gridScratchPool = sync.Pool{New: func() any { return new(gridScratch) }}

// bitsets hands out n zeroed bitsets of the grid's length, one backing array for all.
func (sc *gridScratch) bitsets(n int) []bitset {
	w := (len(sc.grid.at) + 63) / 64
	if cap(sc.words) < n*w {
		sc.words = make([]uint64, n*w)
	}
	sc.words = sc.words[:n*w]
	clear(sc.words)
	out := make([]bitset, n)
	for i := range out {
		out[i] = sc.words[i*w : (i+1)*w : (i+1)*w]
	}
	return out
}
