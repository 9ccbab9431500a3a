package api_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// optionals are the valid request with one optional field or query parameter more.
func (g *generator) optionals(o genOp, base genRequest) []genRequest {
	var out []genRequest
	for _, p := range o.params {
		// A cursor is only valid when the server gave it out: it cannot be made up.
		if p.Value.In != openapi3.ParameterInQuery || p.Value.Required || p.Value.Name == "cursor" {
			continue
		}
		v := g.param(o.path, p.Value)
		out = append(out, genRequest{what: fmt.Sprintf(" (with ?%s=%s)", p.Value.Name, v),
			path: base.path, query: withQuery(base.query, p.Value.Name, v), body: base.body})
	}
	sch := jsonBody(o.op)
	m, ok := base.body.(map[string]any)
	if sch == nil || !ok {
		return out
	}
	whole := sch
	if len(sch.AllOf) > 0 {
		sch = merged(sch)
	}
	for _, k := range sortedKeys(sch.Properties) {
		if _, ok := m[k]; ok {
			continue
		}
		body := copyJSON(m).(map[string]any)
		for _, dep := range append([]string{k}, sch.DependentRequired[k]...) {
			body[dep] = g.value(dep, sch.Properties[dep].Value, false)
		}
		if whole.VisitJSON(copyJSON(body), openapi3.EnableJSONSchema2020()) != nil {
			continue // a rule across fields (if/then, oneOf) refuses this field here
		}
		out = append(out, genRequest{what: fmt.Sprintf(" (with %s)", k), path: base.path, query: base.query, body: body})
	}
	return append(out, g.edges(base, whole, sch, m)...)
}

// edges are the valid request with one top-level field at an edge the document allows:
// empty text where it sets no minLength, the bounds of a number, -1 where it sets no
// minimum, the longest text it allows.
func (g *generator) edges(base genRequest, whole, sch *openapi3.Schema, m map[string]any) []genRequest {
	var out []genRequest
	for _, k := range sortedKeys(sch.Properties) {
		for _, v := range edgeValues(sch.Properties[k].Value) {
			body := copyJSON(m).(map[string]any)
			for _, dep := range append([]string{k}, sch.DependentRequired[k]...) {
				if _, ok := body[dep]; !ok {
					body[dep] = g.value(dep, sch.Properties[dep].Value, false)
				}
			}
			body[k] = v
			if whole.VisitJSON(copyJSON(body), openapi3.EnableJSONSchema2020()) != nil {
				continue
			}
			what := fmt.Sprintf(" (%s at %.20v)", k, v)
			out = append(out, genRequest{what: what, path: base.path, query: base.query, body: body})
		}
	}
	return out
}

// edgeValues are the edge values s allows, for plain text and numbers; a field with
// an example, an enum, a format or a pattern has meaning beyond its type and is left
// to the example.
func edgeValues(s *openapi3.Schema) []any {
	if s.Example != nil || len(s.Enum) > 0 || s.Format != "" || s.Pattern != "" || s.Const != nil {
		return nil
	}
	var out []any
	switch typeOf(s) {
	case "string":
		if s.MinLength == 0 {
			out = append(out, "")
		}
		if s.MaxLength != nil && *s.MaxLength > 1 && *s.MaxLength <= 5000 {
			out = append(out, strings.Repeat("a", int(*s.MaxLength)))
		}
	case "integer", "number":
		if s.Min == nil {
			out = append(out, -1)
		} else {
			out = append(out, *s.Min)
		}
		if s.Max != nil {
			out = append(out, *s.Max)
		}
	}
	return out
}

// mutations are the valid request with one path parameter, query parameter or body
// field broken.
func (g *generator) mutations(o genOp, base genRequest) []genRequest {
	var out []genRequest
	for _, p := range o.params {
		pv := p.Value
		for _, f := range g.invalidParam(pv) {
			r := genRequest{what: fmt.Sprintf("%s %s: %s", pv.In, pv.Name, f.rule), path: base.path, query: base.query, body: base.body}
			switch pv.In {
			case openapi3.ParameterInPath:
				r.path = g.pathWith(o, pv.Name, f.value.(string))
			case openapi3.ParameterInQuery:
				r.query = withQuery(base.query, pv.Name, f.value.(string))
			default:
				continue
			}
			out = append(out, r)
		}
	}
	if sch := jsonBody(o.op); sch != nil {
		g.walk(sch, base.body, nil, func(at []any, rule string, v any, remove bool) {
			out = append(out, genRequest{what: "body" + pathName(at) + ": " + rule, path: base.path,
				query: base.query, body: changed(base.body, at, v, remove)})
		})
	}
	return out
}

// pathWith is the operation's path with every parameter valid but name set to v.
func (g *generator) pathWith(o genOp, name, v string) string {
	path := o.path
	for _, p := range o.params {
		if p.Value.In != openapi3.ParameterInPath {
			continue
		}
		val := g.param(o.path, p.Value)
		if p.Value.Name == name {
			val = v
		}
		path = strings.ReplaceAll(path, "{"+p.Value.Name+"}", url.PathEscape(val))
	}
	return path
}

// walk calls emit for every rule of s a value at path can break, descending into the
// fields val has.
func (g *generator) walk(s *openapi3.Schema, val any, at []any, emit func(at []any, rule string, v any, remove bool)) {
	if len(s.AllOf) > 0 {
		s = merged(s)
	}
	if len(at) == 0 {
		for _, f := range g.invalid("", s) {
			emit(at, f.rule, f.value, false)
		}
	}
	switch v := val.(type) {
	case map[string]any:
		if s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has {
			emit(append(clip(at), "zz_unknown"), "additionalProperties false", 1, false)
		}
		for _, k := range s.Required {
			emit(append(clip(at), k), "required", nil, true)
		}
		for _, k := range sortedKeys(s.Properties) {
			p := s.Properties[k].Value
			for _, f := range g.invalid(k, p) {
				emit(append(clip(at), k), f.rule, f.value, false)
			}
			if sub, ok := v[k]; ok {
				g.walk(p, sub, append(clip(at), k), emit)
			}
		}
	case []any:
		if len(v) > 0 && s.Items != nil && s.Items.Value != nil {
			for _, f := range g.invalid("", s.Items.Value) {
				emit(append(clip(at), 0), f.rule, f.value, false)
			}
			g.walk(s.Items.Value, v[0], append(clip(at), 0), emit)
		}
	}
}

// clip is at without spare capacity, so appends never share a backing array.
func clip(at []any) []any { return append([]any(nil), at...) }

func pathName(at []any) string {
	var b strings.Builder
	for _, p := range at {
		fmt.Fprintf(&b, ".%v", p)
	}
	return b.String()
}

// copyJSON is a deep copy of a JSON value.
func copyJSON(v any) any {
	raw, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(raw, &out)
	return out
}

// changed is a copy of body with the value at path set to v (or removed).
func changed(body any, at []any, v any, remove bool) any {
	if len(at) == 0 {
		return v
	}
	root := copyJSON(body)
	cur := root
	for i, step := range at {
		last := i == len(at)-1
		switch c := cur.(type) {
		case map[string]any:
			k := step.(string)
			if last && remove {
				delete(c, k)
			} else if last {
				c[k] = v
			}
			cur = c[k]
		case []any:
			if last {
				c[step.(int)] = v
			}
			cur = c[step.(int)]
		}
	}
	return root
}
