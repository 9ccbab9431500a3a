package patientpage

import (
	"bytes"
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/frontdeskhq/frontdesk/internal/actor"
)

// kitFiles are the layout every patient page shares and the message page, in the
// binary so that a page needs nothing from disk or from another host.
//
//go:embed pages
var kitFiles embed.FS

// layout is the frame (head, style, body, script) around each page's "content".
var layout = template.Must(template.ParseFS(kitFiles, "pages/layout.html"))

// Page is one patient page's own inline style and script and the CSP naming them.
// A feature makes one per page at start-up and renders all its answers through it.
type Page struct {
	name, style, script, csp string
	message                  *template.Template
}

// NewPage is the page called name (in logs) with its inline style and script.
func NewPage(name, style, script string) *Page {
	p := &Page{name: name, style: style, script: script, csp: CSP(style, script)}
	p.message = p.parse(kitFiles, "pages/message.html")
	return p
}

// Template is the shared layout with the "content" template of the page's own
// file(s) in files; it panics on a bad template, which start-up and tests catch.
func (p *Page) Template(files fs.FS, patterns ...string) *template.Template {
	return p.parse(files, patterns...)
}

func (p *Page) parse(files fs.FS, patterns ...string) *template.Template {
	return template.Must(template.Must(layout.Clone()).ParseFS(files, patterns...))
}

// CSP is the Content-Security-Policy the page is sent with.
func (p *Page) CSP() string { return p.csp }

// Frame is what the layout reads; a page's view embeds it.
type Frame struct {
	Lang, Title string
	// Icon is FaviconURL, the same on every page.
	Icon  template.URL
	Style template.CSS
	// Script is empty on pages that need none (the message page).
	Script template.JS
}

// Frame is the frame of a page in lang titled title, with the page's style and script.
func (p *Page) Frame(lang, title string) Frame {
	return Frame{Lang: lang, Title: title, Icon: FaviconURL, Style: template.CSS(p.style), Script: template.JS(p.script)}
}

// Answer is a rendered page, or a redirect when Location is set.
type Answer struct {
	Status   int
	Location string
	HTML     []byte
}

// Redirect is a 303 to location, so that reloading the page after a post sends nothing twice.
func Redirect(location string) Answer {
	return Answer{Status: http.StatusSeeOther, Location: location}
}

// brokenPage is the answer when a template fails: a bare error beats half a page.
var brokenPage = []byte("<!doctype html><title>Error</title><p>Error")

// Render executes tpl (made by Template) with data. A template that fails is a bug the
// tests catch; should one slip through, it is logged to log and the patient gets a
// bare 500 rather than half a page.
func (p *Page) Render(ctx context.Context, log *slog.Logger, tpl *template.Template, status int, data any) Answer {
	var buf bytes.Buffer
	if err := tpl.Execute(&buf, data); err != nil {
		log.ErrorContext(ctx, p.name+" page template failed", "request_id", actor.RequestFrom(ctx).ID, "error", err.Error())
		return Answer{Status: http.StatusInternalServerError, HTML: brokenPage}
	}
	return Answer{Status: status, HTML: buf.Bytes()}
}
