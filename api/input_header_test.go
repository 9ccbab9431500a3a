package api

import (
	"encoding/json"
	"iter"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// headerApp is the start of the real chain: the text check, the problem answers and
// one route that must never run for a refused request.
func headerApp(t *testing.T, reached *bool) *fiber.App {
	app := fiber.New(fiber.Config{ErrorHandler: errorHandler(slog.New(slog.DiscardHandler), newProblemCounter(prometheus.NewRegistry()))})
	app.Use(requestID, refuseBadText)
	app.Post("/x", func(c *fiber.Ctx) error { *reached = true; return c.SendStatus(http.StatusNoContent) })
	return app
}

// TestHeadersRefuseBadText: a header value with a control character (tab aside) or
// invalid UTF-8 is a 400 naming the header, and the handler never runs. fasthttp
// itself refuses control characters in a header while reading the request, so those
// are judged by calling checkPairs (the middleware's check) directly below.
func TestHeadersRefuseBadText(t *testing.T) {
	cases := []struct{ name, value, field, code string }{
		{"lone byte", "\xff", "header:X-Note", "invalid_utf8"},
		{"invalid UTF-8", "caf\xe9", "header:X-Note", "invalid_utf8"},
	}
	for _, c := range cases {
		var reached bool
		req := httptest.NewRequest(http.MethodPost, "/x", nil)
		req.Header["X-Note"] = []string{c.value}
		problem := send(t, headerApp(t, &reached), req)
		if problem.Status != http.StatusBadRequest || reached || len(problem.Errors) != 1 ||
			problem.Errors[0].Field != c.field || problem.Errors[0].Code != c.code {
			t.Errorf("%s: %+v (handler ran: %v)", c.name, problem, reached)
		}
	}
	var reached bool
	req := httptest.NewRequest(http.MethodPost, "/x", nil)
	req.Header["X-Note"] = []string{"a\tb zażółć"}
	if p := send(t, headerApp(t, &reached), req); p.Status != 0 || !reached {
		t.Fatalf("a tab and Polish letters: %+v", p)
	}
}

// pair is one header as fasthttp hands it over.
func pair(k, v string) iter.Seq2[[]byte, []byte] {
	return func(yield func([]byte, []byte) bool) { yield([]byte(k), []byte(v)) }
}

// TestCheckPairsControlCharacters: C0 characters and DEL are refused, tab is not.
func TestCheckPairsControlCharacters(t *testing.T) {
	for _, v := range []string{"a\x00b", "\x1b[31m", "a\r\nSet-Cookie: x=1", "\x01", "a\x7f"} {
		err := checkPairs(pair("X-Note", v), "header:", "\t")
		if fe, ok := fault.As(err); !ok || fe.Fields[0].Field != "header:X-Note" || fe.Fields[0].Code != "control_character" {
			t.Errorf("%q: %v", v, err)
		}
	}
	if err := checkPairs(pair("X-Note", "a\tb"), "header:", "\t"); err != nil {
		t.Errorf("a tab: %v", err)
	}
}

// TestFormRefusesBadText: a form body's NUL is refused, its line breaks are not.
func TestFormRefusesBadText(t *testing.T) {
	for body, want := range map[string]int{"details=a%00b": 400, "details=a%0D%0Ab%09c": 0, "de%01=x": 400, "x=%FF": 400} {
		var reached bool
		req := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
		if p := send(t, headerApp(t, &reached), req); p.Status != want || reached == (want != 0) {
			t.Errorf("%s: %+v (handler ran: %v)", body, p, reached)
		}
	}
}

// send runs req and decodes a problem answer (zero when the answer is not one).
func send(t *testing.T, app *fiber.App, req *http.Request) Problem {
	t.Helper()
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p Problem
	if resp.Header.Get("Content-Type") == "application/problem+json" {
		if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
			t.Fatal(err)
		}
	}
	return p
}
