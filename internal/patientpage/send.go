package patientpage

// Writer is the response a page is written into. The kit imports no web framework
// (fiber stays in http.go files); each feature's http.go adapts its context to this.
type Writer interface {
	// Header sets one response header.
	Header(key, value string)
	// Write sends the status and the body (nil for a redirect).
	Write(status int, body []byte) error
}

// Send writes a into w with the page's own Content-Security-Policy (the app's default
// forbids any inline style or script) and keeps it out of caches, search engines and
// Referer headers: the page shows a patient's own data and its URL is the credential.
func (p *Page) Send(w Writer, a Answer) error {
	w.Header("Content-Security-Policy", p.csp)
	w.Header("Cache-Control", "no-store")
	w.Header("X-Robots-Tag", "noindex, nofollow")
	w.Header("Referrer-Policy", "no-referrer")
	if a.Location != "" {
		w.Header("Location", a.Location)
		return w.Write(a.Status, nil)
	}
	w.Header("Content-Type", "text/html; charset=utf-8")
	return w.Write(a.Status, a.HTML)
}
