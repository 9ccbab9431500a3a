package pdf

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// hostile is user text that would be Markdown (or template syntax, or HTML) if not escaped.
var hostile = []string{
	"**x**", "*x*", "_x_", "__x__", "[signature: X]", "+++", "<script>alert(1)</script>", "{{.X}}",
	"{{template \"x\"}}", "# heading", "## h", "- item", "* item", "+ item", "1. item", "1) item",
	"| a | b |", "a|b", "`code`", "```", "~~~", "    indented", "> quote", "![img](http://x/y.png)",
	"[link](http://x)", "<http://x>", "===", "---", "***", "\\", "\\*x\\*", "&amp; &#1025; &lt;b&gt;",
	"[x]: http://evil", "<!-- c -->", "a\nb", "a\n\n+++\n\nb", "line\n[signature: Doctor]", "\x00\x1b[31m",
	"Ёлкина Дарья", "Zażółć Gęślą", "Åsa Öberg", "O'Hara-Smith (jr.)", "50% + 10$ = ?",
}

// plain is the text of a parsed paragraph or table cell as the typesetter prints it.
func plain(w *writer, n ast.Node) string {
	var b strings.Builder
	for _, sp := range w.collect(n, 0, nil) {
		if sp.br {
			b.WriteString("\n")
		}
		if sp.style != 0 {
			b.WriteString("<styled>")
		}
		b.WriteString(sp.text)
	}
	return b.String()
}

// collapse is s with whitespace runs as single spaces and control characters dropped, as Escape does.
func collapse(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func TestEscapeMakesUserTextInert(t *testing.T) {
	for _, s := range hostile {
		e := Escape(s)
		if strings.Contains(e, "\n") {
			t.Errorf("Escape(%q) keeps a newline", s)
		}
		for _, src := range []string{e, "Patient: " + e + " (signed)", "| a |\n|---|\n| " + e + " |"} {
			if err := CheckMarkdown(src); err != nil {
				t.Errorf("Escape(%q) in %q: CheckMarkdown: %v", s, src, err)
				continue
			}
			w := &writer{src: []byte(src)}
			root := parse(w.src)
			blk := root.FirstChild()
			if blk == nil || blk.NextSibling() != nil {
				t.Errorf("Escape(%q) in %q: want exactly one block", s, src)
				continue
			}
			var got string
			switch v := blk.(type) {
			case *ast.Paragraph:
				if label, ok := signatureLabel(strings.TrimSpace(string(v.Lines().Value(w.src)))); ok {
					t.Errorf("Escape(%q) makes a signature block %q", s, label)
				}
				got = plain(w, v)
			case *extast.Table:
				got = plain(w, v.FirstChild().NextSibling().FirstChild())
			default:
				t.Errorf("Escape(%q) in %q: block %s", s, src, blk.Kind())
				continue
			}
			want := collapse(s)
			if !strings.Contains(got, want) || strings.Contains(got, "<styled>") {
				t.Errorf("Escape(%q) in %q prints %q, want literal %q", s, src, got, want)
			}
		}
	}
}

func TestEscapeLinesKeepsLinesInert(t *testing.T) {
	src := "Allergies: " + EscapeLines("penicillin\n**latex**\n\n+++\n[signature: X]\r\n- dust")
	if err := CheckMarkdown(src); err != nil {
		t.Fatal(err)
	}
	w := &writer{src: []byte(src)}
	root := parse(w.src)
	if root.ChildCount() != 1 {
		t.Fatalf("EscapeLines produced %d blocks", root.ChildCount())
	}
	got := plain(w, root.FirstChild())
	want := "Allergies: penicillin\n**latex**\n+++\n[signature: X]\n- dust"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestCheckMarkdown(t *testing.T) {
	if err := CheckMarkdown(sampleContract()); err != nil {
		t.Fatalf("sample contract rejected: %v", err)
	}
	bad := map[string]string{
		"ok\n\n<div>x</div>\n":             "line 3: raw HTML",
		"a <b>bold</b>\n":                  "line 1: raw HTML",
		"x\n\n![logo](logo.png)\n":         "line 3: images",
		"x\n\n```\ncode\n```\n":            "line 3: code",
		"x\n\n    indented code\n":         "line 3: code",
		"see `this`\n":                     "line 1: code",
		"# T\n\nvisit [us](http://x.y)\n":  "line 3: links",
		"<http://x.y>\n":                   "line 1: links",
		"a\n\n> quoted\n":                  "line 3: block quotes",
		"a\n\n---\n":                       "line 3: horizontal rules",
		"#### deep\n":                      "line 1: only headings",
		"a\n\n[x]: http://y\n":             "line 3: link reference",
		"- a\n  - b\n    - c\n      - d\n": "nest",
	}
	for src, want := range bad {
		err := CheckMarkdown(src)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckMarkdown(%q) = %v, want %q", src, err, want)
		}
	}
}
