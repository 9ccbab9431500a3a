package doctemplate

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"text/template/parse"
)

// skeleton is the template's static text with every action replaced by "x" (and
// the newlines it spans kept), so the Markdown checker sees the template's own
// markup at the file's own line numbers.
func skeleton(src string, root *parse.ListNode) string {
	static := make([]bool, len(src))
	markText(root, func(n *parse.TextNode) {
		for i := int(n.Pos); i < int(n.Pos)+len(n.Text) && i < len(src); i++ {
			static[i] = true
		}
	})
	var b strings.Builder
	inGap := false
	for i := 0; i < len(src); i++ {
		switch {
		case static[i]:
			b.WriteByte(src[i])
			inGap = false
		case src[i] == '\n':
			b.WriteByte('\n')
		case !inGap:
			b.WriteByte('x')
			inGap = true
		}
	}
	return b.String()
}

// markText calls mark for every text node, in every branch of every block.
func markText(l *parse.ListNode, mark func(*parse.TextNode)) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			mark(n)
		case *parse.IfNode:
			markText(n.List, mark)
			markText(n.ElseList, mark)
		case *parse.RangeNode:
			markText(n.List, mark)
			markText(n.ElseList, mark)
		case *parse.WithNode:
			markText(n.List, mark)
			markText(n.ElseList, mark)
		}
	}
}

// funcResults is the result type of each template function, for the checker.
func funcResults() map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for name, fn := range funcsFor(FallbackLocale) {
		out[name] = reflect.TypeOf(fn).Out(0)
	}
	return out
}

// templateErr matches text/template's "template: FILE:LINE[:COL]: message".
var templateErr = regexp.MustCompile(`^template: (.+?):(\d+)(?::\d+)?: (?:executing ".*?" at (<.*?>): )?(.*)$`)

// unclosedAt finds where an unclosed action began: that line, not the end of the
// file, is where the author has to look.
var unclosedAt = regexp.MustCompile(`^unclosed action started at .+:(\d+)$`)

// lineError turns a text/template error into "file:line: message".
func lineError(err error) error {
	m := templateErr.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	line, msg := m[2], m[4]
	if m[3] != "" {
		msg = m[3] + ": " + msg
	}
	if opened := unclosedAt.FindStringSubmatch(msg); opened != nil {
		line, msg = opened[1], "unclosed action"
	}
	return fmt.Errorf("%s:%s: %s", m[1], line, msg)
}

// markupLine matches a Markdown checker's "line N: message" or "N: message".
var markupLine = regexp.MustCompile(`^(?:line )?(\d+):? (.*)$`)

// markupError is the Markdown checker's error as "LINE: message".
func markupError(err error) error {
	var lined interface{ Line() int }
	if errors.As(err, &lined) {
		return fmt.Errorf("%d: %w", lined.Line(), err)
	}
	if m := markupLine.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("%s: %s", m[1], m[2])
	}
	return fmt.Errorf("1: %w", err)
}
