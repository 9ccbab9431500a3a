package doctemplate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
	"text/template"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/templates"
)

// FallbackLocale is used where a locale lacks a template of some kind.
const FallbackLocale = "en"

// ErrUnknownTemplate is returned by Fill for a kind with no template in the locale nor in en.
var ErrUnknownTemplate = fault.New(fault.NotFound, "unknown_document_template", "no template for this document kind")

// Set is a loaded, checked collection of templates; safe for concurrent use.
type Set struct {
	tpls map[string]*docTemplate // by "<locale>/<kind>"
}

// docTemplate is one checked template file.
type docTemplate struct {
	id, kind, locale, title, hash string
	size                          int // of the source: the filled text is about as long
	// parsed is the template, parsed on the first fill: the built-in ones held 1.2 MB
	// of trees from the start, most of them for locales and kinds a clinic never
	// prints. A clinic's own are parsed (and checked) at load and kept.
	parsed func() (*template.Template, error)
}

// Load reads the embedded default templates, then each override laid out as
// <locale>/<kind>.md (a clinic's <templates-dir>/documents), a later file
// replacing an earlier one of the same locale and kind. A broken template fails
// the whole load with "documents/<locale>/<kind>.md:LINE: message".
func Load(overrides ...fs.FS) (*Set, error) {
	defaults, err := fs.Sub(templates.Documents, "documents")
	if err != nil {
		return nil, err
	}
	s := &Set{tpls: map[string]*docTemplate{}}
	// The built-in templates are checked by this package's tests
	// (TestBuiltInTemplatesPassEveryCheck), not on every start: the checks are two
	// thirds of reading them, and each is parsed when first filled. A clinic's own are
	// parsed and checked here.
	if err := s.loadLayer(defaults, false); err != nil {
		return nil, err
	}
	for _, layer := range overrides {
		if err := s.loadLayer(layer, true); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Set) loadLayer(fsys fs.FS, checked bool) error {
	files, err := fs.Glob(fsys, "*/*.md")
	if err != nil {
		return err
	}
	for _, file := range files {
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return fmt.Errorf("documents/%s: %w", file, err)
		}
		t, err := parseTemplate(path.Dir(file), strings.TrimSuffix(path.Base(file), ".md"), string(src), checked)
		if err != nil {
			return err
		}
		if t.title == "" {
			t.title = s.titleOf(t.kind, t.locale)
		}
		s.tpls[t.id] = t
	}
	return nil
}

// titleOf is the title an override without a "# Title" line inherits: the one of
// the template it replaces, else the English one, else the kind itself.
func (s *Set) titleOf(kind, locale string) string {
	if t := s.lookup(kind, locale); t != nil {
		return t.title
	}
	return kind
}

// parseTemplate parses one file and, when checked, checks its fields, answer ids,
// functions and static Markdown, then runs it on a full and on an empty visit so
// nothing can fail later on a real one.
func parseTemplate(locale, kind, src string, checked bool) (*docTemplate, error) {
	file := "documents/" + locale + "/" + kind + ".md"
	if !slices.Contains(Kinds, kind) {
		return nil, fmt.Errorf("%s:1: unknown document kind %q (known: %s)", file, kind, strings.Join(Kinds, ", "))
	}
	title, body, err := splitTitle(file, src)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(src))
	t := &docTemplate{id: locale + "/" + kind, kind: kind, locale: locale, title: title,
		hash: hex.EncodeToString(sum[:]), size: len(src)}
	parse := parser(file, locale, body)
	if !checked {
		t.parsed = sync.OnceValues(parse)
		return t, nil
	}
	tpl, err := parse()
	if err != nil {
		return nil, err
	}
	t.parsed = func() (*template.Template, error) { return tpl, nil }
	if err := checkTree(file, body, tpl); err != nil {
		return nil, err
	}
	return t, t.rehearse()
}

// parser parses body, the template of file in locale, each time it is called.
func parser(file, locale, body string) func() (*template.Template, error) {
	return func() (*template.Template, error) {
		tpl, err := template.New(file).Option("missingkey=error").Funcs(funcsFor(locale)).Parse(body)
		if err != nil {
			return nil, lineError(err)
		}
		return tpl, nil
	}
}

// splitTitle takes an optional first line "# Title" as the document's title; the
// line stays in the body as an empty one so line numbers still match the file.
func splitTitle(file, src string) (title, body string, err error) {
	first, rest, _ := strings.Cut(src, "\n")
	if !strings.HasPrefix(first, "# ") {
		return "", src, nil
	}
	title = strings.TrimSpace(strings.TrimPrefix(first, "# "))
	if strings.Contains(title, "{{") {
		return "", "", fmt.Errorf("%s:1: the title line must be plain text", file)
	}
	return title, "\n" + rest, nil
}

// checkTree refuses sub-templates, unknown fields and answers, and static text
// outside the Markdown subset.
func checkTree(file, body string, tpl *template.Template) error {
	if len(tpl.Templates()) > 1 {
		return fmt.Errorf("%s:1: {{define}} and {{block}} are not supported in document templates", file)
	}
	c := &checker{file: file, src: body, funcs: funcResults()}
	root := scope{dot: dataType, vars: map[string]reflect.Type{"$": dataType}}
	if err := c.list(tpl.Tree.Root, root); err != nil {
		return err
	}
	if err := checkMarkup(skeleton(body, tpl.Tree.Root)); err != nil {
		return fmt.Errorf("%s:%w", file, markupError(err))
	}
	return nil
}
