package widget_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/widget"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// maxGzipped is the widget's whole payload budget: the issue allows 30 KB gzipped.
const maxGzipped = 30 * 1024

func get(t *testing.T, e *apitest.Env, path string, header map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := e.HTTP.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestScriptIsServedGzippedCachedAndCrossOrigin(t *testing.T) {
	e := apitest.NewEnv(t, dbtest.New(t))
	plain, gz := widget.ScriptSize()
	t.Logf("widget.js: %d bytes, %d gzipped", plain, gz)
	if gz > maxGzipped {
		t.Errorf("widget.js is %d bytes gzipped, over the %d budget", gz, maxGzipped)
	}
	resp := get(t, e, "/widget.js", map[string]string{"Accept-Encoding": "gzip, deflate"})
	want := map[string]string{"Content-Encoding": "gzip", "Cross-Origin-Resource-Policy": "cross-origin",
		"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
	for h, v := range want {
		if got := resp.Header.Get(h); got != v {
			t.Errorf("%s = %q, want %q", h, got, v)
		}
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("Content-Type %q", ct)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if len(body) != plain || !bytes.Contains(body, []byte("customElements.define('frontdesk-booking'")) {
		t.Errorf("gunzipped body: %d bytes, want the script's %d", len(body), plain)
	}
	etag := resp.Header.Get("ETag")
	if r := get(t, e, "/widget.js", map[string]string{"If-None-Match": etag}); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match %s: %d, want 304", etag, r.StatusCode)
	}
	r := get(t, e, "/widget.js?v="+widget.ScriptVersion(), nil)
	if r.Header.Get("Content-Encoding") != "" || !strings.Contains(r.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("versioned, no gzip: %v", r.Header)
	}
}
