package pdf

import (
	"strings"
	"testing"

	"github.com/boombuler/barcode/qr"
)

func TestQRMatchesReferenceEncoder(t *testing.T) {
	for _, s := range []string{"a", "doc-1:1", "0b9d7c1e-2f4a-4c39-9a51-6f0e8d2b7a10:12",
		strings.Repeat("x", 26), strings.Repeat("y", 42), strings.Repeat("z", 62), strings.Repeat("w", 84), strings.Repeat("v", 106)} {
		mine, err := encodeQR([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		ref, err := qr.Encode(s, qr.M, qr.Unicode)
		if err != nil {
			t.Fatal(err)
		}
		if n := ref.Bounds().Dx(); n != mine.size {
			t.Errorf("%q: size %d, reference %d", s, mine.size, n)
			continue
		}
		diff := 0
		for y := 0; y < mine.size; y++ {
			for x := 0; x < mine.size; x++ {
				r, _, _, _ := ref.At(x, y).RGBA()
				if (r == 0) != mine.mod[y][x] {
					diff++
				}
			}
		}
		if diff != 0 {
			t.Errorf("%q (version %d): %d modules differ from the reference", s, mine.version, diff)
		}
	}
	if _, err := encodeQR([]byte(strings.Repeat("x", 107))); err == nil {
		t.Error("107 bytes accepted")
	}
}
