package api_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// forbidden is a value s refuses and the rule it breaks.
type forbidden struct {
	rule  string
	value any
}

// invalid lists values breaking s, one rule each.
func (g *generator) invalid(name string, s *openapi3.Schema) []forbidden {
	if len(s.AllOf) > 0 {
		s = merged(s)
	}
	if len(s.OneOf) > 0 || len(s.AnyOf) > 0 || typeOf(s) == "" {
		return nil
	}
	var out []forbidden
	switch typeOf(s) {
	case "string":
		out = append(out, forbidden{"wrong type", 12345})
		out = append(out, invalidText(s)...)
	case "integer", "number":
		out = append(out, forbidden{"wrong type", "many"})
		out = append(out, invalidNumber(s)...)
	case "boolean":
		out = append(out, forbidden{"wrong type", "yes"})
	case "array":
		out = append(out, forbidden{"wrong type", "x"})
		out = append(out, g.invalidList(name, s)...)
	case "object":
		out = append(out, forbidden{"wrong type", "x"})
	}
	return out
}

func invalidText(s *openapi3.Schema) []forbidden {
	var out []forbidden
	if len(s.Enum) > 0 {
		out = append(out, forbidden{"not in enum", "zz-not-listed"})
	}
	switch s.Format {
	case "uuid":
		out = append(out, forbidden{"format uuid", "not-a-uuid"})
	case "date":
		out = append(out, forbidden{"format date", "31/12/2026"})
	case "date-time":
		out = append(out, forbidden{"format date-time", "tomorrow at ten"})
	case "email":
		out = append(out, forbidden{"format email", "not-an-email"})
	}
	if s.Pattern != "" && !regexp.MustCompile(s.Pattern).MatchString("!") {
		out = append(out, forbidden{"pattern", "!"})
	}
	if s.MinLength > 0 {
		out = append(out, forbidden{"minLength", strings.Repeat("a", int(s.MinLength)-1)})
	}
	if s.MaxLength != nil && *s.MaxLength < 20000 {
		out = append(out, forbidden{"maxLength", strings.Repeat("a", int(*s.MaxLength)+1)})
	}
	return out
}

func invalidNumber(s *openapi3.Schema) []forbidden {
	var out []forbidden
	if typeOf(s) == "integer" {
		out = append(out, forbidden{"not an integer", 1.5})
	}
	if len(s.Enum) > 0 {
		out = append(out, forbidden{"not in enum", 987654})
	}
	if s.Min != nil {
		out = append(out, forbidden{"minimum", *s.Min - 1})
	}
	if s.Max != nil {
		out = append(out, forbidden{"maximum", *s.Max + 1})
	}
	return out
}

func (g *generator) invalidList(name string, s *openapi3.Schema) []forbidden {
	var out []forbidden
	if s.MinItems > 0 {
		out = append(out, forbidden{"minItems", make([]any, s.MinItems-1)[:s.MinItems-1]})
	}
	if s.MaxItems != nil && *s.MaxItems < 1000 && s.Items != nil {
		item := g.value(name, s.Items.Value, false)
		many := make([]any, *s.MaxItems+1)
		for i := range many {
			many[i] = item
		}
		out = append(out, forbidden{"maxItems", many})
	}
	return out
}

// invalidParam lists values a query or path parameter refuses, as sent in a URL.
func (g *generator) invalidParam(p *openapi3.Parameter) []forbidden {
	var out []forbidden
	for _, f := range g.invalid(p.Name, schemaOf(p)) {
		switch v := f.value.(type) {
		case string:
			out = append(out, f)
		case float64:
			out = append(out, forbidden{f.rule, strconv.FormatFloat(v, 'f', -1, 64)})
		}
	}
	return out
}

// withQuery is a copy of q with name set to v.
func withQuery(q url.Values, name, v string) url.Values {
	out := url.Values{}
	for k, vs := range q {
		out[k] = append([]string(nil), vs...)
	}
	out.Set(name, v)
	return out
}
