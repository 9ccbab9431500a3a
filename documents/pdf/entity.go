package pdf

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// entity decodes an HTML entity reference at the start of b ("&amp;", "&#1025;",
// "&#x401;"), returning its text and length, or n = 0 when there is none.
func entity(b []byte) (string, int) {
	end := bytes.IndexByte(b, ';')
	if end < 2 || end > 32 {
		return "", 0
	}
	name := b[1:end]
	if name[0] == '#' {
		var v uint64
		var err error
		if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
			v, err = strconv.ParseUint(string(name[2:]), 16, 32)
		} else {
			v, err = strconv.ParseUint(string(name[1:]), 10, 32)
		}
		if err != nil {
			return "", 0
		}
		r := rune(v)
		if v == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return string(r), end + 1
	}
	if e, ok := util.LookUpHTML5EntityByName(string(name)); ok {
		return string(e.Characters), end + 1
	}
	return "", 0
}
