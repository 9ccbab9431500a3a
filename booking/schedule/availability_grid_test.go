package schedule

import (
	"math/rand/v2"
	"testing"
)

// TestBitsetRuns: setting and clearing runs of bits a word at a time leaves what
// doing it bit by bit does.
func TestBitsetRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	b, want := make(bitset, 4), make([]bool, 256)
	for range 2000 {
		lo, hi, on := rng.IntN(257), rng.IntN(257), rng.IntN(2) == 0
		if on {
			b.set(lo, hi)
		} else {
			b.clear(lo, hi)
		}
		for i := lo; i < hi; i++ {
			want[i] = on
		}
		for i, w := range want {
			if b.has(i) != w {
				t.Fatalf("after %v %d..%d: bit %d is %v", on, lo, hi, i, b.has(i))
			}
		}
	}
}
