package telephony_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/telephony"
)

// adapterKit is one Warsaw branch with one phone line of a signed provider, for the
// Zadarma and Mango Office tests (names kept apart from the package's other kits).
type adapterKit struct {
	t      *testing.T
	env    *apitest.Env
	db     *db.DB
	branch clinic.Branch
	token  string
}

// adapterTask is a task as GET /api/v1/tasks answers it.
type adapterTask struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Text   string `json:"text"`
	Status string `json:"status"`
}

// newAdapterKit makes the branch and connects a line of provider through the API.
func newAdapterKit(t *testing.T, d *db.DB, provider, apiKey, secret string) *adapterKit {
	t.Helper()
	k := &adapterKit{t: t, env: apitest.NewEnv(t, d), db: d}
	b, err := k.env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: "Centrum", Phone: "+48221234567",
		Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN"})
	if err != nil {
		t.Fatalf("branch: %v", err)
	}
	k.branch = b
	var line struct {
		Token string `json:"token"`
	}
	r := k.env.As(actor.Owner).Do(http.MethodPost, "/api/v1/phone-lines", map[string]string{"branch_id": b.ID,
		"provider": provider, "api_key": apiKey, "secret": secret})
	if r.Status != http.StatusCreated {
		t.Fatalf("phone line: %d %s", r.Status, r.Body)
	}
	r.Decode(t, &line)
	tok := line.Token
	k.token = tok
	return k
}

// patient registers a card with phone, for the caller to be recognised.
func (k *adapterKit) patient(first, last, phone string) clinic.Patient {
	k.t.Helper()
	p, _, err := k.env.Clinic.CreatePatient(context.Background(), clinic.PatientInput{BranchID: k.branch.ID,
		FirstName: first, LastName: last, Phone: phone, Locale: "pl"})
	if err != nil {
		k.t.Fatalf("patient: %v", err)
	}
	return p
}

// post sends a form to the line's path (under /api/v1/telephony/{token}) with header.
func (k *adapterKit) post(path string, header http.Header, form []byte) *apitest.Response {
	c := k.env.Anonymous()
	c.Header = header
	return c.Raw(http.MethodPost, "/api/v1/telephony/"+k.token+path, "application/x-www-form-urlencoded", form)
}

// process runs the signal job once, as River would.
func (k *adapterKit) process() {
	k.t.Helper()
	if _, err := k.env.Telephony.ProcessOnce(context.Background()); err != nil {
		k.t.Fatalf("process: %v", err)
	}
}

// calls reads the branch's call log around now through the service, for the Go
// types (the API's answer is checked by the generic tests).
func (k *adapterKit) calls() []telephony.Call {
	k.t.Helper()
	now := k.env.Clock.Now()
	page, err := k.env.Telephony.Calls(context.Background(), telephony.CallFilter{BranchID: k.branch.ID,
		From: now.Add(-3 * time.Hour), To: now.Add(3 * time.Hour), Limit: 50})
	if err != nil {
		k.t.Fatalf("calls: %v", err)
	}
	return page.Items
}

// onlyCall is the one call of the log, failing the test when there is not exactly one.
func (k *adapterKit) onlyCall() telephony.Call {
	k.t.Helper()
	cs := k.calls()
	if len(cs) != 1 {
		k.t.Fatalf("want one call, the log holds %d: %+v", len(cs), cs)
	}
	return cs[0]
}

// callbacks lists the open callback tasks.
func (k *adapterKit) callbacks() []adapterTask {
	k.t.Helper()
	r := k.env.As(actor.Owner).Do(http.MethodGet, "/api/v1/tasks?kind=callback", nil)
	if r.Status != http.StatusOK {
		k.t.Fatalf("tasks: %d %s", r.Status, r.Body)
	}
	var page struct {
		Items []adapterTask `json:"items"`
	}
	r.Decode(k.t, &page)
	return page.Items
}

// signals counts what the line stored, processed or not.
func (k *adapterKit) signals() int {
	k.t.Helper()
	var n int
	if err := db.Get(context.Background(), k.db.R, &n, `SELECT COUNT(*) FROM call_signals`); err != nil {
		k.t.Fatalf("count signals: %v", err)
	}
	return n
}

// wantProblem checks r is a problem+json with status naming field.
func (k *adapterKit) wantProblem(r *apitest.Response, status int, field string) {
	k.t.Helper()
	if r.Status != status {
		k.t.Fatalf("want %d, got %d %s", status, r.Status, r.Body)
	}
	p := r.Problem(k.t)
	if field == "" {
		return
	}
	for _, e := range p.Errors {
		if e.Field == field {
			return
		}
	}
	k.t.Fatalf("want a problem naming %s, got %+v", field, p)
}

func adapterStr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// wantMissedOnce checks a missed call whose events came twice acted once: n signals
// stored, one missed call, one callback task.
func (k *adapterKit) wantMissedOnce(n int) {
	k.t.Helper()
	if got := k.signals(); got != n {
		k.t.Fatalf("%d signals stored, want %d", got, n)
	}
	if c := k.onlyCall(); adapterStr(c.Disposition) != "missed" {
		k.t.Fatalf("call %+v", c)
	}
	if cb := k.callbacks(); len(cb) != 1 {
		k.t.Fatalf("callbacks %+v", cb)
	}
}
