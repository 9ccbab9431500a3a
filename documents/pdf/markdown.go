package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// md parses the subset: CommonMark plus GFM tables; goldmark parsers are safe for concurrent use.
var md = goldmark.New(goldmark.WithExtensions(extension.Table))

// parse returns the document tree of src.
func parse(src []byte) ast.Node {
	return md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
}

// CheckMarkdown rejects constructs outside the subset (raw HTML, images, code,
// links, block quotes, rules, deep headings) naming the line of the first one.
func CheckMarkdown(src string) error {
	b := []byte(src)
	ctx := parser.NewContext()
	root := md.Parser().Parse(text.NewReader(b), parser.WithContext(ctx))
	if refs := ctx.References(); len(refs) > 0 {
		return fmt.Errorf("line %d: link reference definitions are not allowed", refLine(b, string(refs[0].Label())))
	}
	var bad error
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || bad != nil {
			return ast.WalkContinue, nil
		}
		if msg := unsupported(n); msg != "" {
			bad = fmt.Errorf("line %d: %s", nodeLine(n, b), msg)
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return bad
}

// unsupported names the construct n when it is outside the subset, else "".
func unsupported(n ast.Node) string {
	switch v := n.(type) {
	case *ast.HTMLBlock, *ast.RawHTML:
		return "raw HTML is not allowed"
	case *ast.Image:
		return "images are not allowed"
	case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.CodeSpan:
		return "code is not allowed"
	case *ast.Link, *ast.AutoLink:
		return "links are not allowed"
	case *ast.Blockquote:
		return "block quotes are not allowed"
	case *ast.ThematicBreak:
		return "horizontal rules are not allowed (use +++ for a page break)"
	case *ast.Heading:
		if v.Level > 3 {
			return "only headings #, ## and ### are allowed"
		}
	case *ast.List:
		if depth(n) > 2 {
			return "lists may nest only two levels"
		}
	}
	return ""
}

// depth counts the lists enclosing n, n included.
func depth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		if _, ok := n.(*ast.List); ok {
			d++
		}
	}
	return d
}

// nodeLine finds the 1-based source line of n (inline nodes without a
// position through their nearest ancestor that has one).
func nodeLine(n ast.Node, src []byte) int {
	for ; n != nil; n = n.Parent() {
		if off := n.Pos(); off >= 0 && off <= len(src) {
			return 1 + bytes.Count(src[:off], []byte("\n"))
		}
		if t, ok := n.(*ast.Text); ok {
			return 1 + bytes.Count(src[:t.Segment.Start], []byte("\n"))
		}
	}
	return 1
}

// refLine finds the line of the link reference definition labelled label.
func refLine(src []byte, label string) int {
	for i, l := range strings.Split(string(src), "\n") {
		if strings.Contains(strings.ToLower(l), "["+strings.ToLower(label)+"]:") {
			return i + 1
		}
	}
	return 1
}

// Escape turns user text into inert Markdown text: every ASCII punctuation mark
// is backslash-escaped (so no emphasis, link, table cell, page break or
// signature marker can arise), control characters are dropped and line breaks
// become spaces.
func Escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if r < 0x80 && isPunct(byte(r)) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// EscapeLines is Escape keeping the text's line breaks as Markdown hard breaks;
// blank lines are dropped so user text cannot start new blocks.
func EscapeLines(s string) string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if e := Escape(l); e != "" {
			out = append(out, e)
		}
	}
	return strings.Join(out, "\\\n")
}

// isPunct reports ASCII punctuation, which CommonMark lets a backslash escape.
func isPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
