package api_test

import (
	"encoding/json"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// generator makes values from the document's schemas: valid ones (the smallest the
// schema allows) and, one rule at a time, ones the schema forbids.
type generator struct {
	ids map[string]string // seeded ids by collection name ("branches")
	now time.Time
}

// placeholderID names nothing; a request with it may answer 404.
const placeholderID = "5b0c7d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e"

// patternSamples are tried in turn for a string with a pattern.
var patternSamples = []string{"09:00", "18:00", "7", "Europe/Warsaw", "https://example.com/photo.jpg", "+48500100200", "abc", "A1"}

// seededKinds are the collections seeded before the run, by the singular that names
// them in a field (branch_id) and the plural that names them in a path (/branches/{id}).
var seededKinds = map[string]string{"branch": "branches", "service": "services", "patient": "patients", "chair": "chairs"}

// kindID is the seeded id a field or path segment names, if any.
func (g *generator) kindID(name string) (string, bool) {
	name = strings.TrimSuffix(strings.TrimSuffix(name, "_id"), "ID")
	for one, many := range seededKinds {
		if name == one || name == many {
			id, ok := g.ids[many]
			return id, ok
		}
	}
	return "", false
}

// seeded puts the seeded ids into an example's fields named like them.
func (g *generator) seeded(v any) any {
	if m, ok := v.(map[string]any); ok {
		for k := range m {
			if id, ok := g.kindID(k); ok {
				m[k] = id
			}
		}
	}
	return v
}

// param is a valid value of a path or query parameter.
func (g *generator) param(path string, p *openapi3.Parameter) string {
	name := p.Name
	if p.In == openapi3.ParameterInPath {
		if i := strings.Index(path, "{"+p.Name+"}"); i > 1 {
			segs := strings.Split(strings.Trim(path[:i], "/"), "/")
			name = segs[len(segs)-1]
		}
	}
	v := g.value(name, schemaOf(p), false)
	if p.Example != nil {
		v = p.Example
	}
	if s, ok := v.(string); ok {
		return s
	}
	raw, _ := json.Marshal(v)
	return string(raw)
}

// schemaOf is a parameter's schema, a plain string when it declares none.
func schemaOf(p *openapi3.Parameter) *openapi3.Schema {
	if p.Schema == nil || p.Schema.Value == nil {
		return &openapi3.Schema{Type: &openapi3.Types{"string"}}
	}
	return p.Schema.Value
}

// typeOf is the schema's type other than null.
func typeOf(s *openapi3.Schema) string {
	if s.Type != nil {
		for _, t := range s.Type.Slice() {
			if t != "null" {
				return t
			}
		}
	}
	switch {
	case len(s.Properties) > 0:
		return "object"
	case s.Items != nil:
		return "array"
	}
	return ""
}

// value is a valid value of s: with every property when all, else required ones only.
func (g *generator) value(name string, s *openapi3.Schema, all bool) any {
	if s.Const != nil {
		return s.Const
	}
	// An example is the document's own word for a valid value, and the only way it
	// can state rules across fields (one of two fields, close after open).
	if s.Example != nil {
		return g.seeded(copyJSON(s.Example))
	}
	for _, e := range s.Enum {
		if e != nil {
			return e
		}
	}
	if alt := alternatives(s); len(alt) > 0 {
		if len(s.Properties) == 0 {
			return g.value(name, alt[0].Value, all)
		}
		// Alternatives that only name required fields: the first one's are added.
		obj := g.object(s, all)
		for _, k := range alt[0].Value.Required {
			obj[k] = g.value(k, s.Properties[k].Value, false)
		}
		return obj
	}
	if len(s.AllOf) > 0 {
		return g.value(name, merged(s), all)
	}
	switch typeOf(s) {
	case "string":
		return g.text(name, s)
	case "integer", "number":
		return number(s)
	case "boolean":
		return true
	case "array":
		return g.list(name, s)
	case "object":
		return g.object(s, all)
	}
	return "x"
}

// alternatives are the schema's oneOf, else its anyOf.
func alternatives(s *openapi3.Schema) openapi3.SchemaRefs {
	if len(s.OneOf) > 0 {
		return s.OneOf
	}
	return s.AnyOf
}

// merged folds allOf into one object schema.
func merged(s *openapi3.Schema) *openapi3.Schema {
	out := &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{}}
	for _, part := range append(openapi3.SchemaRefs{{Value: s}}, s.AllOf...) {
		for k, v := range part.Value.Properties {
			out.Properties[k] = v
		}
		out.Required = append(out.Required, part.Value.Required...)
		if part.Value.AdditionalProperties.Has != nil {
			out.AdditionalProperties = part.Value.AdditionalProperties
		}
	}
	return out
}

func (g *generator) text(name string, s *openapi3.Schema) string {
	switch s.Format {
	case "uuid":
		if id, ok := g.kindID(name); ok {
			return id
		}
		return placeholderID
	case "date":
		return g.now.AddDate(0, 0, 7).Format(time.DateOnly)
	case "date-time":
		return g.now.AddDate(0, 0, 7).Truncate(time.Hour).Format(time.RFC3339)
	case "email":
		return "generated@example.com"
	}
	if s.Pattern != "" {
		re := regexp.MustCompile(s.Pattern)
		for _, c := range patternSamples {
			if re.MatchString(c) && fits(s, c) {
				return c
			}
		}
	}
	v := "Generated"
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	for uint64(len(v)) < s.MinLength {
		v += "x"
	}
	return v
}

func fits(s *openapi3.Schema, v string) bool {
	return uint64(len(v)) >= s.MinLength && (s.MaxLength == nil || uint64(len(v)) <= *s.MaxLength)
}

func number(s *openapi3.Schema) any {
	n := 1.0
	if s.Min != nil {
		n = math.Max(n, *s.Min)
	}
	if s.Max != nil {
		n = math.Min(n, *s.Max)
	}
	if typeOf(s) == "integer" {
		return int64(math.Ceil(n))
	}
	return n
}

func (g *generator) list(name string, s *openapi3.Schema) []any {
	out := []any{}
	if s.Items == nil {
		return out
	}
	for i := uint64(0); i < max(s.MinItems, 1); i++ {
		out = append(out, g.value(strings.TrimSuffix(name, "s"), s.Items.Value, false))
	}
	if s.UniqueItems && len(out) > 1 {
		out = out[:1]
	}
	return out
}

func (g *generator) object(s *openapi3.Schema, all bool) map[string]any {
	out := map[string]any{}
	for _, k := range s.Required {
		if p := s.Properties[k]; p != nil && p.Value != nil {
			out[k] = g.value(k, p.Value, false)
		}
	}
	if all {
		for _, k := range sortedKeys(s.Properties) {
			if _, ok := out[k]; !ok {
				out[k] = g.value(k, s.Properties[k].Value, false)
			}
		}
	}
	return out
}

func sortedKeys(m openapi3.Schemas) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
