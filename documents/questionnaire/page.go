package questionnaire

import (
	"context"
	"embed"
	"log/slog"
	"net/http"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
)

// pageFiles are the page's own template, style and script, in the binary; the
// layout and the message page are the kit's.
//
//go:embed pages
var pageFiles embed.FS

var (
	// formPage is the page's style and script and the CSP that names them.
	formPage     = patientpage.NewPage("questionnaire", mustPageFile("pages/q.css"), mustPageFile("pages/q.js"))
	formTemplate = formPage.Template(pageFiles, "pages/form.html")
)

func mustPageFile(name string) string {
	b, err := pageFiles.ReadFile(name)
	if err != nil {
		panic("questionnaire: " + err.Error())
	}
	return string(b)
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

// show answers GET /q/{token}; done names the action just finished.
func (p *pages) show(ctx context.Context, token, acceptLang, done string) patientpage.Answer {
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
func (p *pages) post(ctx context.Context, token, acceptLang, nonce, action string, raw Raw) patientpage.Answer {
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
	return patientpage.Redirect("/q/" + token + "?done=" + done)
}

// failure answers an unknown link 404 and an expired one 410, with no hint of which
// unknown links ever existed; too large answers 413; anything else a 500 page that
// says nothing of the cause (which is logged).
func (p *pages) failure(ctx context.Context, acceptLang string, err error) patientpage.Answer {
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

// message is a page that only says something, in locale first and then in the page's
// other languages.
func (p *pages) message(ctx context.Context, locale string, status int, pick func(*pageText) (string, string)) patientpage.Answer {
	return formPage.Message(ctx, p.log, locale, Locales, status, func(l string) patientpage.Message {
		title, text := pick(textFor(l))
		return patientpage.Message{Title: title, Text: text}
	})
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
