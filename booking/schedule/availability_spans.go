package schedule

import (
	"cmp"
	"slices"
	"time"
)

// span is a half-open run of instants [from, to) in Unix seconds.
type span struct{ from, to int64 }

// spanOf is the span of two instants.
func spanOf(from, to time.Time) span { return span{from.Unix(), to.Unix()} }

func (s span) empty() bool { return s.from >= s.to }

// covers reports whether s holds all of o.
func (s span) covers(o span) bool { return s.from <= o.from && o.to <= s.to }

// normalize sorts spans and merges those that overlap or touch, in place: every
// sweep below expects its inputs sorted and disjoint.
func normalize(in []span) []span {
	slices.SortFunc(in, func(a, b span) int { return cmp.Compare(a.from, b.from) })
	out := in[:0]
	for _, s := range in {
		switch {
		case s.empty():
		case len(out) > 0 && s.from <= out[len(out)-1].to:
			out[len(out)-1].to = max(out[len(out)-1].to, s.to)
		default:
			out = append(out, s)
		}
	}
	return out
}

// intersect is the instants in both a and b (each normalized).
func intersect(a, b []span) []span { return intersectTo(nil, a, b) }

// intersectTo appends the instants in both a and b (each normalized) to out.
func intersectTo(out, a, b []span) []span {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		lo, hi := max(a[i].from, b[j].from), min(a[i].to, b[j].to)
		if lo < hi {
			out = append(out, span{lo, hi})
		}
		if a[i].to < b[j].to {
			i++
		} else {
			j++
		}
	}
	return out
}

// subtract is the instants of a not in b (each normalized).
func subtract(a, b []span) []span {
	var out []span
	j := 0
	for _, s := range a {
		for j < len(b) && b[j].to <= s.from {
			j++
		}
		cur := s.from
		for k := j; k < len(b) && b[k].from < s.to; k++ {
			if b[k].from > cur {
				out = append(out, span{cur, b[k].from})
			}
			cur = max(cur, b[k].to)
		}
		if cur < s.to {
			out = append(out, span{cur, s.to})
		}
	}
	return out
}
