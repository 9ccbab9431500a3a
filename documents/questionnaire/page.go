package questionnaire

import (
	"bytes"
	"context"
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
)

// pageFiles are the page's templates, style and optional script, in the binary.
//
//go:embed pages
var pageFiles embed.FS

var (
	pageStyle  = mustPageFile("pages/q.css")
	pageScript = mustPageFile("pages/q.js")
	// pageCSP lets the page run its own inline style and script only, named by their
	// hashes (as the manage-visit page does), and post forms only to its own origin.
	pageCSP         = patientpage.CSP(pageStyle, pageScript)
	formTemplate    = pageTemplate("pages/form.html")
	messageTemplate = pageTemplate("pages/message.html")
)

func mustPageFile(name string) string {
	b, err := pageFiles.ReadFile(name)
	if err != nil {
		panic("questionnaire: " + err.Error())
	}
	return string(b)
}

func pageTemplate(name string) *template.Template {
	return template.Must(template.ParseFS(pageFiles, "pages/layout.html", name))
}

// PageOptions configure the questionnaire page.
type PageOptions struct {
	// Secret keys the form nonces; instances behind one load balancer share it (the
	// manage-visit page's PageOptions.Secret). Empty is a random key per process.
	Secret []byte
	// Log receives the errors the page hides from patients; nil is slog.Default().
	Log *slog.Logger
}

// pages renders /q/{token}. The token is the credential; each form also carries a
// nonce (patientpage.Nonces) so that a third-party site cannot post answers into a
// link blindly.
type pages struct {
	s      *Service
	nonces patientpage.Nonces
	log    *slog.Logger
}

func newPages(s *Service, o PageOptions) *pages {
	p := &pages{s: s, nonces: patientpage.NewNonces(o.Secret, "questionnaire"), log: o.Log}
	if p.log == nil {
		p.log = slog.Default()
	}
	return p
}

// pageAnswer is a rendered page, or a redirect when location is set.
type pageAnswer struct {
	status   int
	location string
	html     []byte
}

// show answers GET /q/{token}; done names the action just finished.
func (p *pages) show(ctx context.Context, token, acceptLang, done string) pageAnswer {
	f, err := p.s.Open(ctx, token)
	if err != nil {
		return p.failure(ctx, acceptLang, err)
	}
	st := formState{raw: toRaw(f.Answers)}
	switch {
	case done == "saved":
		st.flash = textFor(f.Locale).Saved
	case done == "submitted" || f.Submitted:
		st.flash = textFor(f.Locale).Submitted
	}
	return p.render(ctx, token, f, http.StatusOK, st)
}

// post answers the form: action "save" keeps a draft, anything else submits. Done
// actions redirect (303) so a reload sends nothing twice.
func (p *pages) post(ctx context.Context, token, acceptLang, nonce, action string, raw Raw) pageAnswer {
	f, err := p.s.Open(ctx, token)
	if err != nil {
		return p.failure(ctx, acceptLang, err)
	}
	if !p.nonces.Valid(token, nonce, p.s.clock()) {
		st := formState{raw: raw, problem: textFor(f.Locale).ExpiredForm}
		return p.render(ctx, token, f, http.StatusForbidden, st)
	}
	var problems []Problem
	done := "saved"
	if action == "save" {
		_, problems, err = p.s.SaveDraft(ctx, token, raw)
	} else {
		_, problems, err = p.s.Submit(ctx, token, raw)
		done = "submitted"
	}
	if err != nil {
		return p.failure(ctx, acceptLang, err)
	}
	if len(problems) > 0 {
		return p.render(ctx, token, f, http.StatusUnprocessableEntity, formState{raw: raw, problems: problems})
	}
	return pageAnswer{status: http.StatusSeeOther, location: "/q/" + token + "?done=" + done}
}

// failure answers an unknown link 404 and an expired one 410, with no hint of which
// unknown links ever existed; too large answers 413; anything else a 500 page that
// says nothing of the cause (which is logged).
func (p *pages) failure(ctx context.Context, acceptLang string, err error) pageAnswer {
	locale := acceptLocale(acceptLang)
	fe, ok := fault.As(err)
	switch {
	case ok && fe.Kind == fault.NotFound:
		return p.message(ctx, locale, http.StatusNotFound, func(t *pageText) (string, string) { return t.NotFoundTitle, t.NotFoundText })
	case ok && fe.Kind == fault.Gone:
		return p.message(ctx, locale, http.StatusGone, func(t *pageText) (string, string) { return t.GoneTitle, t.GoneText })
	case ok && fe.Kind == fault.TooLarge:
		return p.message(ctx, locale, http.StatusRequestEntityTooLarge, func(t *pageText) (string, string) { return t.TooLargeTitle, t.TooLargeText })
	}
	p.log.ErrorContext(ctx, "questionnaire page failed", "request_id", actor.RequestFrom(ctx).ID, "error", err.Error())
	return p.message(ctx, locale, http.StatusInternalServerError, func(t *pageText) (string, string) { return t.ServerTitle, t.ServerText })
}

// acceptLocale is the first language of an Accept-Language header the page speaks.
func acceptLocale(header string) string {
	for _, part := range strings.Split(header, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		lang, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if _, ok := pageTexts[lang]; ok {
			return lang
		}
	}
	return "en"
}

// execute renders a page; a failing template is a bug the tests catch, and the
// patient then gets a bare error rather than half a page.
func (p *pages) execute(ctx context.Context, tpl *template.Template, status int, data any) pageAnswer {
	var buf bytes.Buffer
	if err := tpl.Execute(&buf, data); err != nil {
		p.log.ErrorContext(ctx, "questionnaire template failed", "error", err.Error())
		return pageAnswer{status: http.StatusInternalServerError, html: []byte("<!doctype html><title>Error</title><p>Error")}
	}
	return pageAnswer{status: status, html: buf.Bytes()}
}
