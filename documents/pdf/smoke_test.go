package pdf

import (
	"bytes"
	"testing"
)

func TestSmoke(t *testing.T) {
	ts, err := NewTypesetter()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	n, err := ts.Render(&b, []Document{{ID: "d1", Title: "T", Locale: "ru", Markdown: "# Hi\n\nЁлкина Дарья"}}, Options{})
	if err != nil || len(n) != 1 || n[0] != 1 {
		t.Fatal(n, err)
	}
}
