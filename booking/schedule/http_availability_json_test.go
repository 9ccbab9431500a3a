package schedule

import (
	"encoding/json"
	"testing"
)

// TestAppendStringAsEncodingJSON: names copied as they are and names escaped come
// out exactly as encoding/json writes them.
func TestAppendStringAsEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "Dr Anna Kowalska", "Europe/Warsaw", "https://x.test/a.png?q=1&r=2", `say "hi"`,
		`back\\slash`, "<b>", "Łukasz Żółć", "tab\there", "del\x7f", "bad \xff utf-8", "line\u2028sep", "Ünïcödé 😀"} {
		want, _ := json.Marshal(s)
		if got := appendString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("%q: got %s, want %s", s, got[1:], want)
		}
	}
}
