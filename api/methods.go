package api

import (
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// ErrMethodNotAllowed answers a path that exists, called with a method it does not take.
var ErrMethodNotAllowed = fiber.NewError(fiber.StatusMethodNotAllowed, "this path does not take that method; the Allow header lists the ones it takes")

// methodRoute is one mounted route, its path split into lower-case segments.
type methodRoute struct {
	method   string
	segments []string
}

// methodMatcher knows which methods each mounted path takes. fiber v2 routes by method
// first and has no 405 of its own, so the last handler asks this instead.
type methodMatcher struct {
	routes []methodRoute
}

// newMethodMatcher reads the app's routes once, after every feature has mounted. Routes
// at "/" are skipped: they are the middleware app.Use puts under every method. Routes
// that hidden reports (demo-only routes outside demo mode) are left out so a 405 never
// gives away a path that answers 404.
func newMethodMatcher(stack [][]*fiber.Route, hidden func(method, path string) bool) *methodMatcher {
	m := &methodMatcher{}
	for _, routes := range stack {
		for _, r := range routes {
			if r.Path == "/" || hidden(r.Method, r.Path) {
				continue
			}
			m.routes = append(m.routes, methodRoute{method: r.Method, segments: routeSegments(r.Path)})
		}
	}
	return m
}

// routeSegments splits a route path the way fiber compares it by default: case-blind
// and without a trailing slash. A pattern the matcher cannot follow stops the start-up,
// like a route missing from the policy table.
func routeSegments(path string) []string {
	if strings.ContainsAny(path, "*+?<") {
		panic("api: route " + path + " uses a pattern the 405 matcher does not know")
	}
	segs := pathSegments(path)
	for _, s := range segs {
		if strings.Contains(s[1:], ":") {
			panic("api: route " + path + " has a parameter inside a segment, which the 405 matcher does not know")
		}
	}
	return segs
}

func pathSegments(path string) []string {
	return strings.Split(strings.Trim(strings.ToLower(path), "/"), "/")
}

// allowed lists the methods mounted on path, in a stable order; none means the path
// does not exist.
func (m *methodMatcher) allowed(path string) []string {
	segs := pathSegments(path)
	var out []string
	for _, r := range m.routes {
		if !slices.Contains(out, r.method) && segmentsMatch(r.segments, segs) {
			out = append(out, r.method)
		}
	}
	slices.Sort(out)
	return out
}

// segmentsMatch reports whether a request's segments fit a route's, where ":name"
// takes any non-empty segment.
func segmentsMatch(route, req []string) bool {
	if len(route) != len(req) {
		return false
	}
	for i, s := range route {
		if strings.HasPrefix(s, ":") {
			if req[i] == "" {
				return false
			}
			continue
		}
		if s != req[i] {
			return false
		}
	}
	return true
}

// notFoundOrNotAllowed is the last handler: a request no route took is a 405 with Allow
// when its path exists under other methods, and a 404 otherwise.
func notFoundOrNotAllowed(app *fiber.App, d Deps) fiber.Handler {
	m := newMethodMatcher(app.Stack(), hiddenRoutes(d.Demo))
	pages, _ := d.Console.(PageNotFound)
	return func(c *fiber.Ctx) error {
		allow := m.allowed(c.Path())
		if len(allow) == 0 && pages != nil && c.Method() == fiber.MethodGet && strings.HasPrefix(c.Path(), "/console/") {
			return pages.PageNotFound(c)
		}
		if len(allow) == 0 || slices.Contains(allow, c.Method()) {
			return fiber.ErrNotFound
		}
		c.Set(fiber.HeaderAllow, strings.Join(allow, ", "))
		return ErrMethodNotAllowed
	}
}

// PageNotFound is the console's own 404 page for a path under /console/ that is not
// one of its pages: a person at a desk gets a page in their language, not JSON.
type PageNotFound interface {
	PageNotFound(c *fiber.Ctx) error
}

// hiddenRoutes reports the demo-only routes when demo mode is off: their guard answers
// 404, so no Allow header may name them. fiber adds HEAD beside each GET, and HEAD
// follows its GET's policy row.
func hiddenRoutes(demo bool) func(method, path string) bool {
	return func(method, path string) bool {
		if demo {
			return false
		}
		if method == fiber.MethodHead {
			method = fiber.MethodGet
		}
		acc, ok := policy[method+" "+path]
		return ok && acc.DemoOnly
	}
}
