package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// The generated-request contract test: every request is built from openapi.yaml itself,
// so the document and the server cannot drift apart again. A request the document
// accepts must never be refused as malformed (400/422); ids that do not exist may still
// answer 404 or 409. A request the document forbids (one field broken at a time) must be
// refused with a 4xx. Nothing may ever answer 5xx.

// genSkipped are operations a generated request would break the run with: signing the
// owner out, or answers that are not about the request's shape.
var genSkipped = map[string]string{
	"POST /api/v1/auth/logout": "signs the test's owner out",
}

// genParamsTogether are operations whose query parameters depend on each other (or on
// the caller's role) in ways OpenAPI parameters cannot state; their descriptions say
// so. Their one-more-parameter variants are sent but not held to the valid rule.
var genParamsTogether = map[string]string{
	"GET /api/v1/me/calendar": "kind and subject_id go together, and only a doctor has a calendar of their own",
}

// genKnownFaults are server faults this test found and the document cannot fix; each is
// logged, not failed, until its owner fixes it (then remove the line).
var genKnownFaults = map[string]string{}

// genOp is one operation of the document.
type genOp struct {
	method, path string
	op           *openapi3.Operation
	params       openapi3.Parameters
}

// genRequest is one generated request and what it should get.
type genRequest struct {
	what  string // which field was broken, "" for a valid request
	path  string
	query url.Values
	body  any // nil for none
}

func TestContractGeneratedRequests(t *testing.T) {
	doc := loadContract(t)
	ops := contractOperations(doc)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apitest.NewEnv(t, d)
		s := &genSender{t: t, e: e, token: e.As(actor.Owner).Token, gen: &generator{ids: map[string]string{}, now: e.Clock.Now()}}
		s.seed(ops)
		for _, o := range ops {
			if why, ok := genSkipped[o.method+" "+o.path]; ok {
				t.Logf("skipped %s %s: %s", o.method, o.path, why)
				continue
			}
			s.exercise(o)
		}
		t.Logf("%d generated requests over %d operations", s.sent, len(ops))
	})
}

// loadContract loads openapi.yaml with its references resolved.
func loadContract(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPISpec())
	if err != nil {
		t.Fatalf("load openapi.yaml: %v", err)
	}
	return doc
}

// contractOperations lists the operations that take input (a body or parameters), in
// a fixed order so a failure is reproducible.
func contractOperations(doc *openapi3.T) []genOp {
	var ops []genOp
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			params := append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...)
			if jsonBody(op) == nil && len(params) == 0 {
				continue
			}
			ops = append(ops, genOp{method: method, path: path, op: op, params: params})
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].path != ops[j].path {
			return ops[i].path < ops[j].path
		}
		return ops[i].method < ops[j].method
	})
	return ops
}

// jsonBody is the schema of an operation's JSON request body, nil when it takes none.
func jsonBody(op *openapi3.Operation) *openapi3.Schema {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// genSender sends the generated requests of one app as its owner.
type genSender struct {
	t     *testing.T
	e     *apitest.Env
	token string
	gen   *generator
	sent  int
}

// seed creates a branch, service, patient and chair from the document's own valid
// bodies, so later requests naming them get past 404 to the validation behind it.
func (s *genSender) seed(ops []genOp) {
	for _, kind := range []string{"branches", "services", "patients", "chairs"} {
		for _, o := range ops {
			if o.method != http.MethodPost || o.path != "/api/v1/"+kind {
				continue
			}
			req := s.valid(o)
			status, body := s.send(o, req)
			var out struct {
				ID string `json:"id"`
			}
			if status != http.StatusCreated || json.Unmarshal(body, &out) != nil || out.ID == "" {
				s.t.Errorf("seed %s: %d %s", kind, status, body)
				continue
			}
			s.gen.ids[kind] = out.ID
		}
	}
}

// valid builds the operation's smallest valid request: required fields only.
func (s *genSender) valid(o genOp) genRequest {
	req := genRequest{path: o.path, query: url.Values{}}
	for _, p := range o.params {
		pv := p.Value
		v := s.gen.param(o.path, pv)
		switch pv.In {
		case openapi3.ParameterInPath:
			req.path = strings.ReplaceAll(req.path, "{"+pv.Name+"}", url.PathEscape(v))
		case openapi3.ParameterInQuery:
			if pv.Required {
				req.query.Set(pv.Name, v)
			}
		}
	}
	if sch := jsonBody(o.op); sch != nil {
		req.body = s.gen.value("", sch, false)
	}
	return req
}

// exercise sends the valid request, its variants with one optional field more, and its
// mutations with one field broken.
func (s *genSender) exercise(o genOp) {
	base := s.valid(o)
	for _, r := range append([]genRequest{base}, s.gen.optionals(o, base)...) {
		s.expectAccepted(o, r)
	}
	for _, r := range s.gen.mutations(o, base) {
		s.expectRefused(o, r)
	}
}

func (s *genSender) expectAccepted(o genOp, r genRequest) {
	s.t.Helper()
	status, body := s.send(o, r)
	key := o.method + " " + o.path
	if why, ok := genKnownFaults[key+r.what]; ok && status >= 500 {
		s.t.Logf("known fault, %s%s answered %d: %s", key, r.what, status, why)
		return
	}
	if _, ok := genParamsTogether[key]; ok && r.what != "" && status < 500 {
		return
	}
	if refusedForForm(status, body) || status >= 500 {
		s.t.Errorf("%s %s valid by the contract%s, answered %d: %s\nrequest: %s", o.method, o.path, r.what, status, brief(body), describe(r))
	}
}

func (s *genSender) expectRefused(o genOp, r genRequest) {
	s.t.Helper()
	status, body := s.send(o, r)
	if status < 400 || status >= 500 {
		s.t.Errorf("%s %s forbidden by the contract (%s), answered %d: %.300s\nrequest: %s", o.method, o.path, r.what, status, body, describe(r))
	}
}

// send runs one request through the app, anonymous on public routes.
func (s *genSender) send(o genOp, r genRequest) (int, []byte) {
	s.t.Helper()
	s.sent++
	target := r.path
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}
	var raw []byte
	if r.body != nil {
		raw, _ = json.Marshal(r.body)
	}
	req := httptest.NewRequest(o.method, target, bytes.NewReader(raw))
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if o.op.Security == nil || len(*o.op.Security) > 0 {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp, err := s.e.HTTP.Test(req, -1)
	if err != nil {
		s.t.Fatalf("%s %s: %v", o.method, target, err)
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	_, _ = out.ReadFrom(resp.Body)
	return resp.StatusCode, out.Bytes()
}

// stateCodes refuse a request for what its ids name (nothing, something taken or
// inactive, a doctor not working then), not for its form: the document cannot know which ids exist.
var stateCodes = map[string]bool{"not_found": true, "taken": true, "inactive": true, "outside_working_time": true}

// refusedForForm says the answer refuses the request as malformed: 400 or 422 naming
// a rule other than the state of what its ids name.
func refusedForForm(status int, body []byte) bool {
	if status != http.StatusBadRequest && status != http.StatusUnprocessableEntity {
		return false
	}
	var p api.Problem
	if json.Unmarshal(body, &p) != nil || stateCodes[p.Code] {
		return p.Code == "" || !stateCodes[p.Code]
	}
	for _, e := range p.Errors {
		if !stateCodes[e.Code] {
			return true
		}
	}
	return len(p.Errors) == 0
}

// brief is the code and fields of a problem answer, else the answer's start.
func brief(body []byte) string {
	var p api.Problem
	if json.Unmarshal(body, &p) != nil || p.Code == "" {
		return fmt.Sprintf("%.200s", body)
	}
	out, _ := json.Marshal(p.Errors)
	return p.Code + " " + p.Detail + " " + string(out)
}

// describe shows a generated request in a failure message.
func describe(r genRequest) string {
	raw, _ := json.Marshal(r.body)
	q := r.query.Encode()
	if q != "" {
		q = "?" + q
	}
	return fmt.Sprintf("%s%s %s", r.path, q, raw)
}
