package patientpage

import (
	"context"
	"encoding/base64"
	"html"
	"net/http"
	"strings"
	"testing"
)

// Every page, a feature's own and the message page, names the icon, and the CSP lets
// the browser show it (a data: image) and nothing from elsewhere.
func TestEveryPageHasTheIcon(t *testing.T) {
	p := testPage()
	own := p.Render(context.Background(), quiet, p.Template(testFiles, "pages/hello.html"), http.StatusOK,
		helloView{Frame: p.Frame("en", "Hello"), Text: "hi"})
	msg := p.Message(context.Background(), quiet, "pl", []string{"en", "pl"}, http.StatusNotFound,
		func(l string) Message { return Message{Title: "T " + l, Text: "x"} })
	want := `<link rel="icon" type="image/svg+xml" href="` + string(FaviconURL) + `">`
	for name, a := range map[string]Answer{"own": own, "message": msg} {
		if !strings.Contains(html.UnescapeString(string(a.HTML)), want) {
			t.Errorf("the %s page names no icon:\n%s", name, a.HTML)
		}
	}
	if !strings.Contains(p.CSP(), "img-src data:;") {
		t.Errorf("CSP %q does not allow the data: icon", p.CSP())
	}
	svg, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(string(FaviconURL), "data:image/svg+xml;base64,"))
	if err != nil || !strings.HasPrefix(string(svg), "<svg") {
		t.Errorf("the icon is not an SVG: %v %q", err, svg)
	}
}

func TestAcceptLocale(t *testing.T) {
	langs := []string{"en", "pl", "ru", "sv"}
	for header, want := range map[string]string{"": "en", "pl-PL,pl;q=0.9,en;q=0.8": "pl", "de-DE, ru;q=0.5": "ru",
		"SV": "sv", "fr": "en", "*": "en"} {
		if got := AcceptLocale(header, langs); got != want {
			t.Errorf("AcceptLocale(%q) = %s, want %s", header, got, want)
		}
	}
}
