package api

import (
	"bytes"
	"html/template"
	"sort"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
	"go.yaml.in/yaml/v3"
)

// docOperation is one operation as the docs page shows it.
type docOperation struct {
	Method      string
	Path        string
	Summary     string
	Description string
	Tag         string
}

type docSpec struct {
	Info struct {
		Title       string `yaml:"title"`
		Version     string `yaml:"version"`
		Description string `yaml:"description"`
	} `yaml:"info"`
	Paths map[string]map[string]yaml.Node `yaml:"paths"`
}

type docSpecOperation struct {
	Summary     string   `yaml:"summary"`
	Description string   `yaml:"description"`
	Tags        []string `yaml:"tags"`
}

var httpMethods = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "patch": true, "head": true, "options": true}

var docsTemplate = template.Must(template.New("docs").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{.Title}} — API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
code{background:#f2f2f2;padding:.1rem .3rem;border-radius:3px}h2{margin-top:2rem;border-bottom:1px solid #ddd}
.op{margin:.8rem 0}.m{display:inline-block;min-width:4.5rem;font-weight:700;color:#0b5394}</style></head><body>
<h1>{{.Title}} <small>{{.Version}}</small></h1><p>{{.Description}}</p>
<p>The machine-readable contract: <a href="/api/openapi.yaml">/api/openapi.yaml</a> (OpenAPI 3.1).
Errors are <code>application/problem+json</code> (RFC 9457) with a stable <code>code</code> and per-field <code>errors</code>.</p>
{{range .Groups}}<h2>{{.Tag}}</h2>{{range .Ops}}<div class="op"><span class="m">{{.Method}}</span><code>{{.Path}}</code> — {{.Summary}}
{{if .Description}}<div>{{.Description}}</div>{{end}}</div>{{end}}{{end}}
</body></html>`))

type docGroup struct {
	Tag string
	Ops []docOperation
}

// docsHTML is the page, built on its first request: parsing the whole contract would
// otherwise be a tenth of a second of every start (a test proves it parses).
var docsHTML = sync.OnceValue(renderDocs)

// renderDocs builds the page once from the embedded contract, so it cannot drift.
func renderDocs() []byte {
	var spec docSpec
	if err := yaml.Unmarshal(openAPISpec, &spec); err != nil {
		panic("api: openapi.yaml does not parse: " + err.Error())
	}
	groups := map[string][]docOperation{}
	for path, ops := range spec.Paths {
		for method, node := range ops {
			var op docSpecOperation
			if !httpMethods[method] || node.Decode(&op) != nil {
				continue
			}
			tag := "other"
			if len(op.Tags) > 0 {
				tag = op.Tags[0]
			}
			groups[tag] = append(groups[tag], docOperation{Method: strings.ToUpper(method), Path: path,
				Summary: op.Summary, Description: op.Description, Tag: tag})
		}
	}
	var buf bytes.Buffer
	err := docsTemplate.Execute(&buf, map[string]any{"Title": spec.Info.Title, "Version": spec.Info.Version,
		"Description": spec.Info.Description, "Groups": sortedGroups(groups)})
	if err != nil {
		panic("api: docs page: " + err.Error())
	}
	return buf.Bytes()
}

func sortedGroups(groups map[string][]docOperation) []docGroup {
	out := make([]docGroup, 0, len(groups))
	for tag, ops := range groups {
		sort.Slice(ops, func(i, j int) bool {
			if ops[i].Path != ops[j].Path {
				return ops[i].Path < ops[j].Path
			}
			return ops[i].Method < ops[j].Method
		})
		out = append(out, docGroup{Tag: tag, Ops: ops})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Tag < out[j].Tag })
	return out
}

func docsPage(c *fiber.Ctx) error {
	c.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(docsHTML())
}
