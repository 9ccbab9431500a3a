package console

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/base64"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
)

//go:embed pages/*.html
var pageFiles embed.FS

// Frame is what the layout needs of every page; page views embed it.
type Frame struct {
	Lang  string
	Title string
	// Nonce names the page's own script and style in its Content-Security-Policy.
	Nonce string
	// CSRF is the token the page's forms carry.
	CSRF string
	// Who is the signed-in staff member (empty on the sign-in page).
	Who Who
	// Nav is the current area ("today", "lists"…), marked in the menu.
	Nav string
	// Path is the request's path and query, for forms that come back to it.
	Path string
	// Branches are the branches the staff member may switch between; Branch the one shown.
	Branches []Option
	Branch   string
	// Notice is a line shown above the page (a done action, a refused form).
	Notice string
}

// Option is one choice of a select.
type Option struct{ Value, Label string }

// frameOf lets render reach the frame of any view that embeds one.
func (f Frame) frameOf() Frame { return f }

// framed is a page view: a struct embedding Frame.
type framed interface{ frameOf() Frame }

// T is the text key in the page's language.
func (f Frame) T(key string, pairs ...any) string { return T(f.Lang, key, pairs...) }

// Langs are the console's languages, for the language switch.
func (f Frame) Langs() []string { return Langs }

// frame starts a page's frame for the signed-in staff member.
func (c *Console) frame(fc *fiber.Ctx, lang, title, nav string) Frame {
	w := who(fc)
	f := Frame{Lang: lang, Title: title, Nonce: newNonce(), Who: w, Nav: nav, Path: fc.OriginalURL()}
	if w.Token != "" {
		f.CSRF = c.CSRF(w)
	}
	return f
}

func newNonce() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return base64.RawStdEncoding.EncodeToString(b)
}

// csp lets a page run only the console's own script and styles, named by the page's
// nonce, and post forms and fetches only to this origin.
func csp(nonce string) string {
	n := "'nonce-" + nonce + "'"
	return "default-src 'none'; script-src " + n + "; style-src 'self' " + n +
		"; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
}

var funcs = template.FuncMap{
	// dict builds a map from name, value pairs, for partials that take several values.
	"dict": func(pairs ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(pairs); i += 2 {
			m[pairs[i].(string)] = pairs[i+1]
		}
		return m
	},
	"T": T,
	// asset is an asset's version for its URL.
	"asset": AssetVersion,
	// pathOnly drops the query of a path (a branch switch sends its own).
	"pathOnly": func(p string) string { before, _, _ := strings.Cut(p, "?"); return before },
}

// pages are the console's pages by name, each parsed with the layout and the partials
// (files named _*.html) when first drawn: a page defines "content"; it may define
// "head" for its own style block. Each page holds its own copy of the layout and the
// partials (html/template escapes a copy per set), about 0.3 MB a page: parsed at
// start they were half of an idle server's heap, held whether or not anyone opens
// the console. They are the same for every Console, so they are parsed once.
var pages = pageSet()

// pageSet names every page file and parses it on first use.
func pageSet() map[string]func() *template.Template {
	base := sync.OnceValue(func() *template.Template {
		return template.Must(template.New("layout.html").Funcs(funcs).ParseFS(pageFiles, "pages/layout.html", "pages/_*.html"))
	})
	names, _ := fs.Glob(pageFiles, "pages/*.html")
	out := map[string]func() *template.Template{}
	for _, name := range names {
		file := path.Base(name)
		if file == "layout.html" || strings.HasPrefix(file, "_") {
			continue
		}
		out[strings.TrimSuffix(file, ".html")] = sync.OnceValue(func() *template.Template {
			return template.Must(template.Must(base().Clone()).ParseFS(pageFiles, name))
		})
	}
	return out
}

// pageNamed is the parsed page name; it panics on a name no file has, a programming error.
func pageNamed(name string) *template.Template {
	parse, ok := pages[name]
	if !ok {
		panic("console: no page " + name)
	}
	return parse()
}

// render draws page with view (a struct embedding Frame) into the layout, or only
// its "content" when the console's script asks for a fragment.
func (c *Console) render(fc *fiber.Ctx, status int, page string, view framed) error {
	t := pageNamed(page)
	name := "layout.html"
	if fc.Get("X-Console") == "fragment" {
		name = "content"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, view); err != nil {
		c.opts.Log.ErrorContext(fc.UserContext(), "console: render", "page", page, "err", err)
		return fc.Status(fiber.StatusInternalServerError).SendString("the page could not be drawn")
	}
	fc.Set(fiber.HeaderContentSecurityPolicy, csp(view.frameOf().Nonce))
	fc.Set(fiber.HeaderCacheControl, "no-store")
	fc.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return fc.Status(status).Send(buf.Bytes())
}
