package surveys

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
	"github.com/frontdeskhq/frontdesk/reviews"
)

// pageFiles are the page's own templates and style, in the binary; the layout and the
// message page are the kit's. The page runs no script: radios, a textarea and a button
// work everywhere.
//
//go:embed pages
var pageFiles embed.FS

var (
	surveyPage     = patientpage.NewPage("survey", mustPageFile("pages/s.css"), "")
	formTemplate   = surveyPage.Template(pageFiles, "pages/form.html")
	thanksTemplate = surveyPage.Template(pageFiles, "pages/thanks.html")
)

func mustPageFile(name string) string {
	b, err := pageFiles.ReadFile(name)
	if err != nil {
		panic("surveys: " + err.Error())
	}
	return string(b)
}

// PageOptions configure the survey page.
type PageOptions struct {
	// Secret keys the form nonces; instances behind one load balancer share it.
	// Empty is a random key per process.
	Secret []byte
	// Log receives the errors the page hides from patients; nil is slog.Default().
	Log *slog.Logger
}

// pages renders /s/{token}. The token is the credential; each form also carries a
// nonce so that a third-party site cannot post answers into a link blindly.
type pages struct {
	s      *Service
	nonces patientpage.Nonces
	log    *slog.Logger
}

func newPages(s *Service, o PageOptions) *pages {
	p := &pages{s: s, nonces: patientpage.NewNonces(o.Secret, "survey"), log: o.Log}
	if p.log == nil {
		p.log = slog.Default()
	}
	return p
}

// raw is a posted form as the patient sent it, kept to refill a refused form.
type raw map[string]string

// answers reads a form: a missing or non-numeric score is out of every range.
func (r raw) answers() reviews.Answers {
	return reviews.Answers{Overall: score(r["overall"]), Care: score(r["care"]), Expectations: r["expectations"],
		Recommend: score(r["recommend"]), Comment: r["comment"]}
}

func score(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return -1
	}
	return n
}

// show answers GET /s/{token}: the form, or the thanks once answered.
func (p *pages) show(ctx context.Context, tok, acceptLang string) patientpage.Answer {
	o, err := p.s.Open(ctx, tok)
	if err != nil {
		return p.failure(ctx, acceptLang, err)
	}
	if o.Answered() {
		return p.thanks(ctx, o, http.StatusOK)
	}
	return p.form(ctx, tok, o, http.StatusOK, formState{})
}

// post answers the form; done, it redirects (303) to the thanks so a reload sends
// nothing twice.
func (p *pages) post(ctx context.Context, tok, acceptLang, nonce string, r raw) patientpage.Answer {
	o, err := p.s.Open(ctx, tok)
	if err != nil {
		return p.failure(ctx, acceptLang, err)
	}
	if o.Answered() {
		return p.thanks(ctx, o, http.StatusConflict)
	}
	if !p.nonces.Valid(tok, nonce, p.s.clock()) {
		return p.form(ctx, tok, o, http.StatusForbidden, formState{raw: r, problem: textFor(o.Locale).ExpiredForm})
	}
	err = p.s.Submit(ctx, tok, r.answers())
	if fe, ok := fault.As(err); ok && fe.Kind == fault.Invalid {
		return p.form(ctx, tok, o, http.StatusUnprocessableEntity, formState{raw: r, fields: fe.Fields})
	}
	if errors.Is(err, ErrAnswered) {
		if o, err = p.s.Open(ctx, tok); err == nil {
			return p.thanks(ctx, o, http.StatusConflict)
		}
	}
	if err != nil {
		return p.failure(ctx, acceptLang, err)
	}
	return patientpage.Redirect("/s/" + tok)
}

// failure answers an unknown link 404 and an expired one 410, too large 413, and
// anything else a 500 page that says nothing of the cause (which is logged).
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
	p.log.ErrorContext(ctx, "survey page failed", "request_id", actor.RequestFrom(ctx).ID, "error", err.Error())
	return p.message(ctx, locale, http.StatusInternalServerError, func(t *pageText) (string, string) { return t.ServerTitle, t.ServerText })
}

// message is a page that only says something, in locale first and then in the others.
func (p *pages) message(ctx context.Context, locale string, status int, pick func(*pageText) (string, string)) patientpage.Answer {
	return surveyPage.Message(ctx, p.log, locale, Locales, status, func(l string) patientpage.Message {
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
