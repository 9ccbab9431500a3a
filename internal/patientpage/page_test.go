package patientpage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"html/template"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// testFiles are a page's own content, as a feature embeds them; the text is written
// to need escaping.
var testFiles = fstest.MapFS{"pages/hello.html": {Data: []byte(`{{define "content"}}<h1>{{.Title}}</h1><p>{{.Text}}</p>{{end}}`)}}

type helloView struct {
	Frame
	Text string
}

const (
	testStyle  = "body{color:#123}\n"
	testScript = "document.body.dataset.ok=\"1\";\n"
)

var quiet = slog.New(slog.DiscardHandler)

func testPage() *Page { return NewPage("test", testStyle, testScript) }

var inline = regexp.MustCompile(`(?s)<(style|script)>(.*?)</(?:style|script)>`)

// checkCSP proves that the inline style and script of body are exactly the ones csp
// names, so a browser runs them (and nothing else).
func checkCSP(t *testing.T, csp, body string) {
	t.Helper()
	found := inline.FindAllStringSubmatch(body, -1)
	if len(found) == 0 {
		t.Fatalf("no inline style in %s", body)
	}
	for _, m := range found {
		sum := sha256.Sum256([]byte(m[2]))
		hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !strings.Contains(csp, m[1]+"-src "+hash) {
			t.Errorf("the inline %s's hash %s is not in the CSP %q", m[1], hash, csp)
		}
	}
	for _, want := range []string{"default-src 'none'", "form-action 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
}

func TestLayoutMatchesCSP(t *testing.T) {
	p := testPage()
	view := helloView{Frame: p.Frame("pl", "Tytuł"), Text: "Dzień dobry"}
	a := p.Render(context.Background(), quiet, p.Template(testFiles, "pages/hello.html"), http.StatusOK, view)
	body := string(a.HTML)
	if a.Status != http.StatusOK || !strings.HasPrefix(body, "<!doctype html>\n<html lang=\"pl\">") {
		t.Fatalf("%d:\n%s", a.Status, body)
	}
	for _, want := range []string{"<title>Tytuł</title>", "<style>" + testStyle + "</style>",
		"<script>" + testScript + "</script>", "<main>\n<h1>Tytuł</h1><p>Dzień dobry</p>\n</main>", `name="robots" content="noindex, nofollow"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q:\n%s", want, body)
		}
	}
	checkCSP(t, p.CSP(), body)
}

func TestLayoutEscapes(t *testing.T) {
	p := testPage()
	evil := `</title><script>alert(1)</script>&"`
	view := helloView{Frame: p.Frame(`en" onload="x`, evil), Text: evil}
	a := p.Render(context.Background(), quiet, p.Template(testFiles, "pages/hello.html"), http.StatusOK, view)
	body := string(a.HTML)
	if strings.Contains(body, "<script>alert") || strings.Contains(body, `lang="en" onload`) {
		t.Fatalf("unescaped input:\n%s", body)
	}
	if !strings.Contains(body, "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#34;") {
		t.Errorf("the text is not escaped as expected:\n%s", body)
	}
	checkCSP(t, p.CSP(), body) // only the page's own script is inline
}

func TestMessageInEveryLanguage(t *testing.T) {
	texts := map[string]Message{"en": {"Link not found", "Call us."}, "ru": {"Ссылка не найдена", "Позвоните нам."},
		"pl": {"Nie znaleziono linku", "Zadzwoń."}, "sv": {"Länken hittades inte", "Ring oss."}}
	p := testPage()
	a := p.Message(context.Background(), quiet, "pl", []string{"en", "ru", "pl", "sv"}, http.StatusNotFound,
		func(l string) Message { return texts[l] })
	body := string(a.HTML)
	if a.Status != http.StatusNotFound || !strings.Contains(body, `<html lang="pl">`) ||
		!strings.Contains(body, "<title>Nie znaleziono linku</title>") || strings.Contains(body, "<script>") {
		t.Fatalf("%d:\n%s", a.Status, body)
	}
	order := []string{`<h1>Nie znaleziono linku</h1>`, `<section class="other" lang="en">`, "Link not found",
		`<section class="other" lang="ru">`, "Ссылка не найдена", `<section class="other" lang="sv">`, "Ring oss."}
	rest := body
	for _, want := range order {
		i := strings.Index(rest, want)
		if i < 0 {
			t.Fatalf("%q missing or out of order:\n%s", want, body)
		}
		rest = rest[i+len(want):]
	}
	if strings.Count(body, "Nie znaleziono linku") != 2 { // the title and the heading, not again below
		t.Errorf("the visitor's language is repeated:\n%s", body)
	}
	checkCSP(t, p.CSP(), body)
}

func TestMessageEscapes(t *testing.T) {
	p := testPage()
	a := p.Message(context.Background(), quiet, "en", []string{"en"}, http.StatusOK,
		func(string) Message { return Message{Title: "<b>x</b>", Text: "<img src=x onerror=alert(1)>"} })
	if body := string(a.HTML); strings.Contains(body, "<b>") || strings.Contains(body, "<img") {
		t.Fatalf("unescaped message:\n%s", body)
	}
}

func TestBrokenTemplateIsABare500(t *testing.T) {
	var logged bytes.Buffer
	p := testPage()
	tpl := p.Template(fstest.MapFS{"x.html": {Data: []byte(`{{define "content"}}{{.Missing}}{{end}}`)}}, "x.html")
	a := p.Render(context.Background(), slog.New(slog.NewTextHandler(&logged, nil)), tpl, http.StatusOK, helloView{})
	if a.Status != http.StatusInternalServerError || strings.Contains(string(a.HTML), "<main>") {
		t.Fatalf("%d %s", a.Status, a.HTML)
	}
	if !strings.Contains(logged.String(), "test page template failed") {
		t.Errorf("not logged: %q", logged.String())
	}
}

// recorder is a Writer that keeps what was written.
type recorder struct {
	header http.Header
	status int
	body   []byte
}

func (r *recorder) Header(key, value string) { r.header.Set(key, value) }

func (r *recorder) Write(status int, body []byte) error {
	r.status, r.body = status, body
	return nil
}

func TestSend(t *testing.T) {
	p := testPage()
	page := &recorder{header: http.Header{}}
	if err := p.Send(page, Answer{Status: http.StatusConflict, HTML: []byte("<p>x")}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Content-Security-Policy": p.CSP(), "Cache-Control": "no-store",
		"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow", "Content-Type": "text/html; charset=utf-8"}
	for k, v := range want {
		if got := page.header.Get(k); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
	if page.status != http.StatusConflict || string(page.body) != "<p>x" {
		t.Errorf("%d %q", page.status, page.body)
	}
	back := &recorder{header: http.Header{}}
	if err := p.Send(back, Redirect("/v/tok?done=moved")); err != nil {
		t.Fatal(err)
	}
	if back.status != http.StatusSeeOther || back.header.Get("Location") != "/v/tok?done=moved" || back.body != nil ||
		back.header.Get("Cache-Control") != "no-store" {
		t.Errorf("redirect: %d %v %q", back.status, back.header, back.body)
	}
}

// TestFrameIsTyped keeps the layout's style and script typed as CSS and JS: as plain
// strings html/template would escape them (quote the script, filter the style) and the
// CSP hashes would miss.
func TestFrameIsTyped(t *testing.T) {
	f := testPage().Frame("en", "T")
	if f.Style != template.CSS(testStyle) || f.Script != template.JS(testScript) {
		t.Fatalf("%+v", f)
	}
}
