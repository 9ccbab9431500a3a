package selfservice_test

import (
	"crypto/sha256"
	"encoding/base64"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
)

// htmlPage is one answer of the manage-visit page, read as a browser without
// JavaScript would: plain requests, form-encoded posts, redirects not followed.
type htmlPage struct {
	status int
	header http.Header
	body   string
}

// pageKit drives the manage-visit page of the self-service kit's clinic.
type pageKit struct {
	*selfKit
	t *testing.T
}

func newPageKit(k *selfKit, t *testing.T) *pageKit { return &pageKit{selfKit: k, t: t} }

// bookIn books the check-up at start with doctor 0 for a new patient whose card says
// locale, through the widget's API, and returns the manage link's token.
func (k *pageKit) bookIn(locale string, start time.Time, phone string) string {
	k.T.Helper()
	body := k.holdBody(0, start, phone)
	body["patient"].(map[string]any)["locale"] = locale
	h := k.hold(body)
	r := k.verify(h.HoldID, k.code(phone, h.HoldID))
	var v verifiedJSON
	r.Decode(k.T, &v)
	token, ok := strings.CutPrefix(v.ManageURL, apitest.PublicURL+"/v/")
	if r.Status != http.StatusOK || !ok {
		k.T.Fatalf("verify: %d %s", r.Status, r.Body)
	}
	return token
}

// do sends one request to the app; form, when not nil, is the form-encoded body.
func (k *pageKit) do(method, path string, form url.Values, header map[string]string) htmlPage {
	k.T.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for name, v := range header {
		req.Header.Set(name, v)
	}
	resp, err := k.Env.HTTP.Test(req, -1)
	if err != nil {
		k.T.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		k.T.Fatalf("read %s %s: %v", method, path, err)
	}
	return htmlPage{status: resp.StatusCode, header: resp.Header, body: string(raw)}
}

// open is GET /v/{token} (path may carry a query).
func (k *pageKit) open(path string) htmlPage {
	k.T.Helper()
	return k.do(http.MethodGet, "/v/"+path, nil, nil)
}

// submit posts a form of the page as it is now: it opens the page for the form's
// nonce first, as a patient's browser would have.
func (k *pageKit) submit(token, action string, form url.Values) htmlPage {
	k.T.Helper()
	form.Set("nonce", nonceOf(k.T, k.open(token)))
	return k.do(http.MethodPost, "/v/"+token+"/"+action, form, nil)
}

// submitAndFollow posts a form, expects the 303 back to the page and follows it.
func (k *pageKit) submitAndFollow(token, action string, form url.Values, done string) htmlPage {
	k.T.Helper()
	r := k.submit(token, action, form)
	if want := "/v/" + token + "?done=" + done; r.status != http.StatusSeeOther || r.header.Get("Location") != want {
		k.T.Fatalf("%s: %d to %q, want 303 to %q: %.400s", action, r.status, r.header.Get("Location"), want, r.body)
	}
	return k.open(token + "?done=" + done)
}

// status is the visit's status in the database, following moves from id.
func (k *pageKit) statusOf(token string) string {
	k.T.Helper()
	var v visitJSON
	k.visit(token).Decode(k.T, &v)
	return v.Status
}

var nonceField = regexp.MustCompile(`name="nonce" value="([^"]+)"`)

func nonceOf(t testing.TB, p htmlPage) string {
	t.Helper()
	m := nonceField.FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no form nonce on the page (%d): %.400s", p.status, p.body)
	}
	return m[1]
}

var startValues = regexp.MustCompile(`name="start" value="([^"]+)"`)

// offeredTimes are the values of the time picker's radio buttons.
func offeredTimes(p htmlPage) []string {
	var out []string
	for _, m := range startValues.FindAllStringSubmatch(p.body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// wantIn fails unless the page holds every one of parts (character references, such
// as html/template's &#43; for "+", read as the characters).
func wantIn(t testing.TB, p htmlPage, parts ...string) {
	t.Helper()
	for _, s := range parts {
		if !strings.Contains(html.UnescapeString(p.body), s) {
			t.Errorf("the page (%d) lacks %q", p.status, s)
		}
	}
}

// wantNotIn fails if the page holds any of parts.
func wantNotIn(t testing.TB, p htmlPage, parts ...string) {
	t.Helper()
	for _, s := range parts {
		if strings.Contains(html.UnescapeString(p.body), s) {
			t.Errorf("the page (%d) holds %q", p.status, s)
		}
	}
}

var inlineBlock = regexp.MustCompile(`(?s)<(style|script)>(.*?)</(?:style|script)>`)

// checkCSP proves that the page's inline style and script are exactly the ones its
// content security policy names, so a browser runs them (and nothing else).
func checkCSP(t testing.TB, p htmlPage) {
	t.Helper()
	csp := p.header.Get("Content-Security-Policy")
	for _, m := range inlineBlock.FindAllStringSubmatch(p.body, -1) {
		sum := sha256.Sum256([]byte(m[2]))
		hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !strings.Contains(csp, m[1]+"-src "+hash) {
			t.Errorf("the inline %s's hash %s is not in the CSP %q", m[1], hash, csp)
		}
	}
	if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "form-action 'self'") {
		t.Errorf("CSP %q", csp)
	}
}
