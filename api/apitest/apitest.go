// Package apitest drives the fiber app through app.Test and checks every request and
// response against api/openapi.yaml, so the contract cannot drift from the code.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/api"
)

var (
	contractOnce sync.Once
	contract     routers.Router
	contractErr  error
)

// Contract loads and validates api/openapi.yaml once per test binary.
func Contract(t testing.TB) routers.Router {
	t.Helper()
	contractOnce.Do(func() {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(api.OpenAPISpec())
		if err != nil {
			contractErr = err
			return
		}
		if err = doc.Validate(loader.Context); err != nil {
			contractErr = err
			return
		}
		doc.Servers = nil
		contract, contractErr = gorillamux.NewRouter(doc)
	})
	if contractErr != nil {
		t.Fatalf("apitest: openapi.yaml is not a valid contract: %v", contractErr)
	}
	return contract
}

// Client sends requests to one app as one caller.
type Client struct {
	t     testing.TB
	app   *fiber.App
	Token string
	// Header is sent with every request.
	Header http.Header
}

// New returns an anonymous client of app.
func New(t testing.TB, app *fiber.App) *Client {
	Contract(t)
	return &Client{t: t, app: app, Header: http.Header{}}
}

// As returns a copy of c that sends token as its bearer token.
func (c *Client) As(token string) *Client {
	cp := *c
	cp.Token = token
	cp.Header = c.Header.Clone()
	return &cp
}

// Response is a finished answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Decode unmarshals the body into v, failing the test when it does not parse.
func (r *Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("apitest: decode %d answer %q: %v", r.Status, r.Body, err)
	}
}

// Problem decodes a problem+json answer.
func (r *Response) Problem(t testing.TB) api.Problem {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("apitest: want a problem+json answer, got %d %q: %s", r.Status, ct, r.Body)
	}
	var p api.Problem
	r.Decode(t, &p)
	return p
}

// Do sends a JSON request (body nil for none) and returns the checked answer.
func (c *Client) Do(method, path string, body any) *Response {
	c.t.Helper()
	if body == nil {
		return c.Raw(method, path, "", nil)
	}
	raw, err := json.Marshal(body)
	if err != nil {
		c.t.Fatalf("apitest: marshal: %v", err)
	}
	return c.Raw(method, path, "application/json", raw)
}

// Raw sends body as is with the given content type; bad-input tests use it.
func (c *Client) Raw(method, path, contentType string, body []byte) *Response {
	c.t.Helper()
	req := c.request(method, path, contentType, body)
	reqErr := c.validateRequest(req, body)
	resp, err := c.app.Test(c.request(method, path, contentType, body), -1)
	if err != nil {
		c.t.Fatalf("apitest: %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("apitest: read answer: %v", err)
	}
	r := &Response{Status: resp.StatusCode, Header: resp.Header, Body: out}
	c.check(req, reqErr, r)
	return r
}

func (c *Client) request(method, path, contentType string, body []byte) *http.Request {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	for k, vs := range c.Header {
		req.Header[k] = vs
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	return req
}

// validateRequest checks the request against the contract; a request the contract
// refuses must also be refused by the server (checked in check).
func (c *Client) validateRequest(req *http.Request, body []byte) error {
	route, params, err := Contract(c.t).FindRoute(req)
	if err != nil {
		return err
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	return openapi3filter.ValidateRequest(context.Background(), in)
}

func (c *Client) check(req *http.Request, reqErr error, r *Response) {
	c.t.Helper()
	route, params, err := Contract(c.t).FindRoute(req)
	if err != nil {
		if r.Status != http.StatusNotFound && r.Status != http.StatusMethodNotAllowed {
			c.t.Errorf("apitest: %s %s answered %d but is not in openapi.yaml", req.Method, req.URL.Path, r.Status)
		}
		return
	}
	if reqErr != nil && r.Status < 400 {
		c.t.Errorf("apitest: %s %s breaks the contract (%v) yet was answered %d", req.Method, req.URL.Path, reqErr, r.Status)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 r.Status, Header: r.Header, Body: io.NopCloser(bytes.NewReader(r.Body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, ExcludeResponseBody: !isJSON(r.Header)},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		c.t.Errorf("apitest: %s %s answer %d breaks the contract: %v\nbody: %.600s", req.Method, req.URL.Path, r.Status, err, r.Body)
	}
}

func isJSON(h http.Header) bool {
	ct := h.Get("Content-Type")
	return strings.HasPrefix(ct, "application/json") || strings.HasPrefix(ct, "application/problem+json")
}
