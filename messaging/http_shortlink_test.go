package messaging_test

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
)

// A short link that leads nowhere (mistyped, or a code never issued) is a page in the
// patient's language with the clinic's icon, answered 404: never JSON, which a
// patient tapping a link in a text would see as code.
func TestBrokenShortLinkIsAPageInThePatientsLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		for lang, title := range map[string]string{"pl-PL,pl;q=0.9,en;q=0.8": "Ten link nie działa",
			"ru": "Эта ссылка не работает", "sv-SE": "Länken fungerar inte", "de, en;q=0.5": "This link does not work",
			"": "This link does not work"} {
			c := k.env.Anonymous()
			c.Header.Set("Accept-Language", lang)
			for _, code := range []string{"AAAAAAAAAAA", "short"} {
				r := c.Do(http.MethodGet, "/l/"+code, nil)
				body := html.UnescapeString(string(r.Body))
				if r.Status != http.StatusNotFound || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
					t.Fatalf("%q /l/%s: %d %s", lang, code, r.Status, r.Header.Get("Content-Type"))
				}
				if !strings.Contains(body, "<h1>"+title+"</h1>") {
					t.Errorf("%q: the page does not lead with %q:\n%s", lang, title, body)
				}
				if !strings.Contains(body, `rel="icon" type="image/svg+xml" href="`+string(patientpage.FaviconURL)+`"`) {
					t.Errorf("%q: the page has no icon", lang)
				}
				if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") ||
					!strings.Contains(csp, "img-src data:") {
					t.Errorf("CSP %q", csp)
				}
			}
		}
	})
}
