package doctemplate

import (
	"fmt"
	"reflect"
	"strings"
	"text/template/parse"
)

// checker walks a parsed template and refuses every field path Data does not have,
// so a typo fails when templates load rather than on a patient's pack.
type checker struct {
	file, src string
	funcs     map[string]reflect.Type // result type of each template function
}

// scope is what dot and each variable are at one point of the template;
// a nil type means "not known here", which is never refused.
type scope struct {
	dot  reflect.Type
	vars map[string]reflect.Type
}

var (
	dataType    = reflect.TypeFor[Data]()
	answersType = reflect.TypeFor[map[string]string]()
	stringType  = reflect.TypeFor[string]()
	boolType    = reflect.TypeFor[bool]()
	intType     = reflect.TypeFor[int]()
)

// builtinResults are the result types of text/template's own functions that have one.
var builtinResults = map[string]reflect.Type{
	"not": boolType, "eq": boolType, "ne": boolType, "lt": boolType, "le": boolType,
	"gt": boolType, "ge": boolType, "len": intType, "print": stringType, "printf": stringType,
	"println": stringType, "html": stringType, "js": stringType, "urlquery": stringType,
}

// errorAt is "file:line: message" for a node.
func (c *checker) errorAt(n parse.Node, format string, args ...any) error {
	line := 1 + strings.Count(c.src[:min(int(n.Position()), len(c.src))], "\n")
	return fmt.Errorf("%s:%d: %s", c.file, line, fmt.Sprintf(format, args...))
}

func (s scope) with(dot reflect.Type) scope {
	vars := make(map[string]reflect.Type, len(s.vars))
	for k, v := range s.vars {
		vars[k] = v
	}
	return scope{dot: dot, vars: vars}
}

func (c *checker) list(l *parse.ListNode, s scope) error {
	if l == nil {
		return nil
	}
	for _, n := range l.Nodes {
		if err := c.node(n, s); err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) node(n parse.Node, s scope) error {
	switch n := n.(type) {
	case *parse.ActionNode:
		_, err := c.pipe(n.Pipe, s)
		return err
	case *parse.IfNode:
		return c.branch(&n.BranchNode, s, false)
	case *parse.WithNode:
		return c.branch(&n.BranchNode, s, true)
	case *parse.RangeNode:
		return c.rangeNode(n, s)
	case *parse.TemplateNode:
		return c.errorAt(n, "{{template}} is not supported in document templates")
	}
	return nil
}

// branch checks if and with; with moves dot to its value inside its body.
func (c *checker) branch(b *parse.BranchNode, s scope, moveDot bool) error {
	inner := s.with(s.dot)
	t, err := c.pipe(b.Pipe, inner)
	if err != nil {
		return err
	}
	if moveDot {
		inner.dot = t
	}
	if err := c.list(b.List, inner); err != nil {
		return err
	}
	return c.list(b.ElseList, s.with(s.dot))
}

// rangeNode moves dot to the element; $i, $e := range gives the key and the element.
func (c *checker) rangeNode(r *parse.RangeNode, s scope) error {
	inner := s.with(s.dot)
	decl := r.Pipe.Decl
	r.Pipe.Decl = nil
	t, err := c.pipe(r.Pipe, inner)
	r.Pipe.Decl = decl
	if err != nil {
		return err
	}
	key, elem := rangeTypes(t)
	inner.dot = elem
	switch len(decl) {
	case 1:
		inner.vars[decl[0].Ident[0]] = elem
	case 2:
		inner.vars[decl[0].Ident[0]], inner.vars[decl[1].Ident[0]] = key, elem
	}
	if err := c.list(r.List, inner); err != nil {
		return err
	}
	return c.list(r.ElseList, s.with(s.dot))
}

func rangeTypes(t reflect.Type) (key, elem reflect.Type) {
	t = deref(t)
	if t == nil {
		return nil, nil
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return intType, t.Elem()
	case reflect.Map:
		return t.Key(), t.Elem()
	case reflect.Int:
		return intType, intType
	}
	return nil, nil
}

// pipe checks every command and gives the type the pipeline yields.
func (c *checker) pipe(p *parse.PipeNode, s scope) (reflect.Type, error) {
	if p == nil {
		return nil, nil
	}
	var t reflect.Type
	for _, cmd := range p.Cmds {
		var err error
		if t, err = c.command(cmd, s); err != nil {
			return nil, err
		}
	}
	for _, v := range p.Decl {
		if !p.IsAssign {
			s.vars[v.Ident[0]] = t
		}
	}
	return t, nil
}

func (c *checker) command(cmd *parse.CommandNode, s scope) (reflect.Type, error) {
	for _, arg := range cmd.Args[1:] {
		if _, err := c.arg(arg, s); err != nil {
			return nil, err
		}
	}
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
		return c.call(id, cmd.Args[1:], s)
	}
	return c.arg(cmd.Args[0], s)
}

// call gives a function's result type; index into the answers checks a literal id.
func (c *checker) call(id *parse.IdentifierNode, args []parse.Node, s scope) (reflect.Type, error) {
	if t, ok := c.funcs[id.Ident]; ok {
		return t, nil
	}
	if id.Ident == "index" && len(args) >= 2 {
		return c.index(args, s)
	}
	return builtinResults[id.Ident], nil
}

func (c *checker) index(args []parse.Node, s scope) (reflect.Type, error) {
	t, _ := c.arg(args[0], s)
	for _, k := range args[1:] {
		t = deref(t)
		if t == nil || (t.Kind() != reflect.Map && t.Kind() != reflect.Slice) {
			return nil, nil
		}
		if key, ok := k.(*parse.StringNode); ok && t == answersType && !answerIDSet[key.Text] {
			return nil, c.errorAt(k, "%q is not a question of the dental-intake questionnaire", key.Text)
		}
		t = t.Elem()
	}
	return t, nil
}

func (c *checker) arg(n parse.Node, s scope) (reflect.Type, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return s.dot, nil
	case *parse.FieldNode:
		return c.fields(n, s.dot, ".", n.Ident)
	case *parse.VariableNode:
		return c.fields(n, s.vars[n.Ident[0]], n.Ident[0], n.Ident[1:])
	case *parse.ChainNode:
		t, err := c.arg(n.Node, s)
		if err != nil {
			return nil, err
		}
		return c.fields(n, t, "(…)", n.Field)
	case *parse.PipeNode:
		return c.pipe(n, s.with(s.dot))
	case *parse.StringNode:
		return stringType, nil
	case *parse.BoolNode:
		return boolType, nil
	}
	return nil, nil
}
