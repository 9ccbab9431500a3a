package widget

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Caching of /widget.js. Clinics paste the plain URL once and cannot change it, so it
// is cached for a day and then revalidated with its ETag (a 304 costs a few bytes):
// a fix reaches every website within a day. The versioned URL (/widget.js?v=<version>,
// which the demo page uses) changes with every change of the script, so it is cached
// for a year.
const (
	scriptMaxAge    = "public, max-age=86400"
	versionedMaxAge = "public, max-age=31536000, immutable"
)

// demoCSP lets the demo page load the widget and its stylesheet from this server and
// nothing else; the widget's own styles are a constructed stylesheet, which needs no
// 'unsafe-inline'.
const demoCSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
	"img-src 'self' https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func (h *Handler) script(c *fiber.Ctx) error {
	// Other websites load the script: a page with Cross-Origin-Embedder-Policy needs
	// CORP cross-origin, and CORS lets a page pin it with Subresource Integrity.
	c.Set("Cross-Origin-Resource-Policy", "cross-origin")
	c.Set(fiber.HeaderAccessControlAllowOrigin, "*")
	cache := scriptMaxAge
	if c.Query("v") == script.version {
		cache = versionedMaxAge
	}
	return serveAsset(c, script, cache)
}

func (h *Handler) demoCSS(c *fiber.Ctx) error {
	cache := scriptMaxAge
	if c.Query("v") == demoCSS.version {
		cache = versionedMaxAge
	}
	return serveAsset(c, demoCSS, cache)
}

// serveAsset answers 304 to a matching If-None-Match, else the gzipped bytes when the
// client takes gzip, else the plain ones.
func serveAsset(c *fiber.Ctx, a asset, cacheControl string) error {
	c.Set(fiber.HeaderCacheControl, cacheControl)
	c.Set(fiber.HeaderETag, a.etag)
	c.Vary(fiber.HeaderAcceptEncoding)
	if etagMatches(c.Get(fiber.HeaderIfNoneMatch), a.etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, a.contentType)
	if acceptsGzip(c.Get(fiber.HeaderAcceptEncoding)) {
		c.Set(fiber.HeaderContentEncoding, "gzip")
		return c.Send(a.gz())
	}
	return c.Send(a.body)
}

// acceptsGzip reads Accept-Encoding: gzip (or *) without q=0. No header at all gets
// the plain bytes: every client that can gunzip says so.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "*" {
			continue
		}
		q, found := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		if weight, err := strconv.ParseFloat(q, 64); !found || err != nil || weight > 0 {
			return true
		}
	}
	return false
}

// etagMatches is the weak comparison If-None-Match asks for.
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

func (h *Handler) demo(c *fiber.Ctx) error {
	p, err := h.s.demoData(c.UserContext(), c.Query("branch"), c.Query("locale"))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := demoHTML.Execute(&buf, p); err != nil {
		return err
	}
	c.Set("Content-Security-Policy", demoCSP)
	c.Set(fiber.HeaderCacheControl, "no-cache")
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(buf.Bytes())
}
