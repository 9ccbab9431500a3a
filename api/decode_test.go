package api_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// TestStrictJSON sends bad bodies to a creating endpoint: each gets a 4xx
// problem+json naming the field, and nothing is stored.
func TestStrictJSON(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apitest.NewEnv(t, d)
		owner := e.As(actor.Owner)
		valid := `"email":"x@clinic.test","name":"X","role":"nurse"`
		cases := []struct {
			name, contentType, body string
			status                  int
			code, field             string
		}{
			{"malformed", "application/json", `{"email":`, 400, "malformed_json", ""},
			{"trailing data", "application/json", `{` + valid + `} {}`, 400, "malformed_json", ""},
			{"unknown field", "application/json", `{` + valid + `,"is_admin":true}`, 400, "validation_failed", "is_admin"},
			{"wrong type", "application/json", `{"email":"x@clinic.test","name":42,"role":"nurse"}`, 400, "validation_failed", "name"},
			{"missing field", "application/json", `{"email":"x@clinic.test","role":"nurse"}`, 400, "validation_failed", "name"},
			{"long name", "application/json", `{"email":"x@clinic.test","name":"` + strings.Repeat("a", 10000) + `","role":"nurse"}`, 400, "validation_failed", "name"},
			{"bad enum", "application/json", `{"email":"x@clinic.test","name":"X","role":"king"}`, 400, "validation_failed", "role"},
			{"empty body", "application/json", ``, 400, "validation_failed", ""},
			{"form body", "application/x-www-form-urlencoded", `email=x`, 415, "unsupported_media_type", ""},
			{"no content type", "", `{` + valid + `}`, 415, "unsupported_media_type", ""},
		}
		for _, tc := range cases {
			r := owner.Raw(http.MethodPost, "/api/v1/staff", tc.contentType, []byte(tc.body))
			if r.Status != tc.status {
				t.Errorf("%s: status %d, want %d: %.300s", tc.name, r.Status, tc.status, r.Body)
				continue
			}
			p := r.Problem(t)
			if p.Code != tc.code || p.Status != tc.status {
				t.Errorf("%s: problem %+v", tc.name, p)
			}
			if tc.field != "" && (len(p.Errors) != 1 || p.Errors[0].Field != tc.field || p.Errors[0].Message == "") {
				t.Errorf("%s: errors %+v, want one naming %q", tc.name, p.Errors, tc.field)
			}
		}
		var n int
		if err := d.R.Get(&n, "SELECT COUNT(*) FROM staff WHERE email = 'x@clinic.test'"); err != nil || n != 0 {
			t.Fatalf("bad input stored %d rows (%v)", n, err)
		}
	})
}

// TestBodyTooLarge announces a 2 MB body to a listening server (app.Test refuses
// such bodies itself before the server sees them). The server answers from the
// headers alone, so the test sends only the start of the body and reads the answer.
func TestBodyTooLarge(t *testing.T) {
	e := apitest.NewEnv(t, dbtest.New(t))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = e.HTTP.Listener(ln) }()
	t.Cleanup(func() { _ = e.HTTP.Shutdown() })
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{\"email\":\"", 2<<20)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(raw), `"code":"body_too_large"`) ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") {
		t.Fatalf("2 MB body: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), raw)
	}
}

// TestSQLLookingInputIsStoredVerbatim: such strings are data, not code.
func TestSQLLookingInputIsStoredVerbatim(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apitest.NewEnv(t, d)
		name := `Robert'); DROP TABLE staff;--`
		r := e.As(actor.Owner).Do(http.MethodPost, "/api/v1/staff", map[string]string{"email": "bobby@clinic.test", "name": name, "role": "nurse"})
		var out struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		}
		r.Decode(t, &out)
		if r.Status != http.StatusCreated || out.Name != name {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		r = e.As(actor.Owner).Do(http.MethodGet, "/api/v1/staff/"+out.ID, nil)
		r.Decode(t, &out)
		if out.Name != name {
			t.Fatalf("came back as %q", out.Name)
		}
	})
}
