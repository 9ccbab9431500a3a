package messaging

import "testing"

// TestShortCodesAreEvenlyDrawn: codes are code-shaped and every base62 character turns
// up about equally often (a bias would make codes easier to guess).
func TestShortCodesAreEvenlyDrawn(t *testing.T) {
	seen := map[byte]int{}
	const codes = 20000
	for range codes {
		c, err := newShortCode()
		if err != nil || !shortCodeShaped(c) {
			t.Fatalf("code %q (%v)", c, err)
		}
		for i := range len(c) {
			seen[c[i]]++
		}
	}
	want := codes * shortCodeLen / len(base62)
	for i := range len(base62) {
		if n := seen[base62[i]]; n < want*9/10 || n > want*11/10 {
			t.Errorf("%q drawn %d times, want about %d", base62[i], n, want)
		}
	}
}

func BenchmarkShortCode(b *testing.B) {
	for b.Loop() {
		if _, err := newShortCode(); err != nil {
			b.Fatal(err)
		}
	}
}
